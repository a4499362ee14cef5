package io.kubelix.client.internal;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.selector.LabelSelector;
import io.kubelix.client.HandlerRegistration;
import io.kubelix.client.KubeClient;
import io.kubelix.client.Lister;
import io.kubelix.client.ObjectKeys;
import io.kubelix.client.ResourceEventHandler;
import io.kubelix.client.SharedInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared informer: a reflector thread that lists and watches into the cache, and a dispatcher
 * thread that hands the resulting notifications to handlers.
 * <p>
 * Cache changes and the notifications they cause are made together under the write lock and
 * numbered, so a handler added later can be given a snapshot of the cache and then exactly the
 * notifications that came after it, neither missing nor repeating a change. Notifications wait in
 * an unbounded queue, so a slow handler never holds up the watch.
 */
final class Informer implements SharedInformer, Lister {
    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);
    /** List page size: big enough to be quick, small enough not to hold huge replies. */
    static final int LIST_PAGE_SIZE = 500;
    /** Watches ask to be ended after a random time in [min, 2*min): servers and connections spread out. */
    private static final long MIN_WATCH_TIMEOUT_SECONDS = 300;
    /** A watch that ends this quickly without an event counts as a failure (back off before the next). */
    private static final long SHORT_WATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final KubeClient client;
    private final ResourceType type;
    private final String namespace;
    private final long resyncNanos;
    private final Backoff backoff;
    private final String name;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Guarded by lock.
    private final Map<String, JsonObject> items = new HashMap<>();
    private final Map<String, Set<String>> keysByNamespace = new HashMap<>();
    private String lastResourceVersion;
    private long sequence;
    private WatchSession session;

    private final LinkedBlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final CountDownLatch syncedLatch = new CountDownLatch(1);
    private volatile boolean synced;
    private volatile boolean running = true;
    private final Thread reflector;
    private final Thread dispatcher;

    Informer(KubeClient client, ResourceType type, String namespace, Duration resyncPeriod, Backoff backoff) {
        this.client = client;
        this.type = type;
        this.namespace = namespace;
        this.resyncNanos = resyncPeriod.toNanos();
        this.backoff = backoff;
        this.name = type.qualifiedPlural() + (namespace == null ? "" : " in " + namespace);
        String threadSuffix = type.qualifiedPlural() + (namespace == null ? "" : "-" + namespace);
        this.reflector = new Thread(this::reflect, "kubelix-informer-" + threadSuffix);
        this.dispatcher = new Thread(this::dispatch, "kubelix-informer-dispatch-" + threadSuffix);
        reflector.setDaemon(true);
        dispatcher.setDaemon(true);
    }

    void start() {
        dispatcher.start();
        reflector.start();
    }

    void stop() {
        running = false;
        WatchSession current;
        lock.writeLock().lock();
        try {
            current = session;
            session = null;
        } finally {
            lock.writeLock().unlock();
        }
        if (current != null) {
            current.close();
        }
        reflector.interrupt();
        dispatcher.interrupt();
    }

    /** Waits for the threads to end (tests). */
    void join(Duration timeout) throws InterruptedException {
        reflector.join(timeout.toMillis());
        dispatcher.join(timeout.toMillis());
    }

    // ---- SharedInformer ----

    @Override
    public ResourceType type() {
        return type;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public HandlerRegistration addHandler(ResourceEventHandler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        lock.writeLock().lock();
        try {
            Registration registration = new Registration(handler, sequence, synced);
            registrations.add(registration);
            // The cache as of now; later notifications carry higher numbers and follow in the queue.
            notifications.add(new Replay(registration, new ArrayList<>(items.values())));
            return registration;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Lister lister() {
        return this;
    }

    @Override
    public boolean hasSynced() {
        return synced;
    }

    @Override
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return syncedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String lastSyncResourceVersion() {
        lock.readLock().lock();
        try {
            return lastResourceVersion;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "informer of " + name;
    }

    // ---- Lister ----

    @Override
    public Optional<JsonObject> get(String namespace, String name) {
        if (type.namespaced() && (namespace == null || namespace.isEmpty())) {
            throw new IllegalArgumentException(type.qualifiedPlural() + " are namespaced: pass the namespace of \""
                    + name + "\"");
        }
        return getByKey(ObjectKeys.key(type.namespaced() ? namespace : null, name));
    }

    @Override
    public Optional<JsonObject> getByKey(String key) {
        lock.readLock().lock();
        try {
            JsonObject o = items.get(key);
            return o == null ? Optional.empty() : Optional.of(o.deepCopy());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<JsonObject> list(String namespace, String labelSelector) {
        LabelSelector selector = labelSelector == null || labelSelector.isBlank() ? LabelSelector.EVERYTHING
                : LabelSelector.parse(labelSelector);
        List<JsonObject> out = new ArrayList<>();
        lock.readLock().lock();
        try {
            if (namespace == null || !type.namespaced()) {
                for (JsonObject o : items.values()) {
                    if (selector.isEverything() || selector.matches(Objects.labels(o))) {
                        out.add(o.deepCopy());
                    }
                }
            } else {
                for (String key : keysByNamespace.getOrDefault(namespace, Set.of())) {
                    JsonObject o = items.get(key);
                    if (selector.isEverything() || selector.matches(Objects.labels(o))) {
                        out.add(o.deepCopy());
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    @Override
    public List<JsonObject> list() {
        return list(null, null);
    }

    // ---- reflector ----

    private void reflect() {
        boolean needList = true;
        while (running) {
            try {
                if (needList) {
                    listIntoCache();
                    needList = false;
                    backoff.reset();
                }
                WatchOutcome outcome = watchOnce();
                switch (outcome) {
                    case EXPIRED -> needList = true;
                    case ENDED -> backoff.reset();
                    case FAILED -> sleep(backoff.next());
                    case STOPPED -> {
                        return;
                    }
                }
            } catch (ApiException e) {
                if (!running) {
                    return;
                }
                if (e.code() == 410) {
                    LOG.debug("{}: resourceVersion expired, listing again", name);
                    needList = true;
                    continue;
                }
                Duration delay = backoff.next();
                LOG.warn("{}: {} failed ({} {}): {}; retrying in {} ms", name, needList ? "list" : "watch", e.code(),
                        e.reason(), e.getMessage(), delay.toMillis());
                sleep(delay);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration delay = backoff.next();
                LOG.error("{}: unexpected failure; retrying in {} ms", name, delay.toMillis(), e);
                sleep(delay);
            }
        }
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(Math.max(1, delay.toMillis()));
        } catch (InterruptedException e) {
            // stop() interrupts; the loop checks running.
        }
    }

    /** Lists everything (in pages) and replaces the cache with it, reporting the difference. */
    private void listIntoCache() {
        List<JsonObject> all = new ArrayList<>();
        String resourceVersion;
        String continueToken = null;
        try {
            do {
                ObjectList page = client.list(type, namespace, new ListOptions(null, null, LIST_PAGE_SIZE,
                        continueToken, null, null, false, 0));
                all.addAll(page.items());
                resourceVersion = page.resourceVersion();
                continueToken = page.continueToken();
            } while (continueToken != null && running);
        } catch (ApiException e) {
            if (e.code() != 410 || continueToken == null) {
                throw e;
            }
            // The snapshot the pages were read from has been compacted: read it all at once.
            LOG.debug("{}: paged list expired, listing in one go", name);
            all.clear();
            ObjectList whole = client.list(type, namespace, ListOptions.ALL);
            all.addAll(whole.items());
            resourceVersion = whole.resourceVersion();
        }
        if (!running) {
            return;
        }
        replace(all, resourceVersion);
    }

    private enum WatchOutcome {
        /** The watch ended normally (timeout, server closing it): watch again from the last version. */
        ENDED,
        /** The last version is too old: list again. */
        EXPIRED,
        /** An error or a suspiciously short, empty watch: back off, then watch again. */
        FAILED,
        STOPPED
    }

    private WatchOutcome watchOnce() throws InterruptedException {
        WatchSession s = new WatchSession();
        String from;
        lock.writeLock().lock();
        try {
            if (!running) {
                return WatchOutcome.STOPPED;
            }
            session = s;
            from = lastResourceVersion;
        } finally {
            lock.writeLock().unlock();
        }
        long timeout = MIN_WATCH_TIMEOUT_SECONDS + ThreadLocalRandom.current().nextLong(MIN_WATCH_TIMEOUT_SECONDS);
        long started = System.nanoTime();
        try {
            WatchHandle handle = client.watch(type, namespace,
                    new ListOptions(null, null, 0, null, from, null, true, timeout), s);
            s.attach(handle);
            s.ended.await();
        } finally {
            s.close();
            lock.writeLock().lock();
            try {
                if (session == s) {
                    session = null;
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
        if (!running) {
            return WatchOutcome.STOPPED;
        }
        if (s.expired) {
            LOG.debug("{}: watch from {} expired, listing again", name, from);
            return WatchOutcome.EXPIRED;
        }
        if (s.error != null) {
            LOG.warn("{}: watch failed ({} {}): {}", name, s.error.code(), s.error.reason(), s.error.getMessage());
            return WatchOutcome.FAILED;
        }
        if (s.events == 0 && System.nanoTime() - started < SHORT_WATCH_NANOS) {
            LOG.debug("{}: watch ended at once without events", name);
            return WatchOutcome.FAILED;
        }
        return WatchOutcome.ENDED;
    }

    /** One watch: applies its events to the cache while it is the informer's current session. */
    private final class WatchSession implements ObjectWatcher {
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean expired;
        volatile ApiException error;
        volatile int events;
        private volatile WatchHandle handle;
        private volatile boolean closed;

        void attach(WatchHandle h) {
            handle = h;
            if (closed) {
                h.close();
            }
        }

        void close() {
            closed = true;
            ended.countDown();
            WatchHandle h = handle;
            if (h != null) {
                h.close();
            }
        }

        @Override
        public void onEvent(String eventType, JsonObject object) {
            if (eventType.equals("ERROR")) {
                ApiException e = ApiException.fromStatus(object, 500);
                if (e.code() == 410) {
                    expired = true;
                } else {
                    error = e;
                }
                ended.countDown();
                return;
            }
            lock.writeLock().lock();
            try {
                if (session != this || closed) {
                    return;
                }
                events++;
                String rv = Objects.resourceVersion(object);
                switch (eventType) {
                    case "ADDED", "MODIFIED" -> store(object);
                    case "DELETED" -> remove(object);
                    case "BOOKMARK" -> {
                    }
                    default -> {
                        LOG.warn("{}: ignoring a watch event of unknown type {}", name, eventType);
                        return;
                    }
                }
                if (rv != null && !rv.isEmpty()) {
                    lastResourceVersion = rv;
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void onClosed() {
            ended.countDown();
        }
    }

    // ---- cache changes (under the write lock) ----

    private void store(JsonObject object) {
        String key = keyOf(object);
        if (key == null) {
            return;
        }
        JsonObject old = items.put(key, object);
        if (old == null) {
            index(key, object);
            notify(new Added(++sequence, object));
        } else {
            notify(new Updated(++sequence, old, object));
        }
    }

    private void remove(JsonObject object) {
        String key = keyOf(object);
        if (key == null) {
            return;
        }
        JsonObject old = items.remove(key);
        if (old != null) {
            unindex(key, old);
            notify(new Deleted(++sequence, object, false));
        }
    }

    private void replace(List<JsonObject> listed, String resourceVersion) {
        lock.writeLock().lock();
        try {
            Set<String> seen = new HashSet<>();
            for (JsonObject object : listed) {
                String key = keyOf(object);
                if (key == null || !seen.add(key)) {
                    continue;
                }
                JsonObject old = items.get(key);
                if (old == null) {
                    items.put(key, object);
                    index(key, object);
                    notify(new Added(++sequence, object));
                } else if (!java.util.Objects.equals(Objects.resourceVersion(old), Objects.resourceVersion(object))) {
                    items.put(key, object);
                    notify(new Updated(++sequence, old, object));
                }
            }
            for (var it = items.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                if (!seen.contains(entry.getKey())) {
                    it.remove();
                    unindex(entry.getKey(), entry.getValue());
                    // Deleted while we were not watching: its final state is unknown.
                    notify(new Deleted(++sequence, entry.getValue(), true));
                }
            }
            lastResourceVersion = resourceVersion;
            if (!synced) {
                synced = true;
                notify(new SyncedMarker(++sequence));
                syncedLatch.countDown();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private String keyOf(JsonObject object) {
        String objectName = Objects.name(object);
        if (objectName == null || objectName.isEmpty()) {
            LOG.warn("{}: ignoring an object without metadata.name", name);
            return null;
        }
        return ObjectKeys.key(type.namespaced() ? Objects.namespace(object) : null, objectName);
    }

    private void index(String key, JsonObject object) {
        String ns = Objects.namespace(object);
        if (type.namespaced() && ns != null) {
            keysByNamespace.computeIfAbsent(ns, k -> new HashSet<>()).add(key);
        }
    }

    private void unindex(String key, JsonObject object) {
        String ns = Objects.namespace(object);
        if (ns != null) {
            Set<String> keys = keysByNamespace.get(ns);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                keysByNamespace.remove(ns);
            }
        }
    }

    private void notify(Notification n) {
        notifications.add(n);
    }

    // ---- dispatcher ----

    private sealed interface Notification permits Added, Updated, Deleted, Resync, Replay, SyncedMarker {
        /** The order of the cache change; a handler added at number n gets only those above n. */
        long seq();
    }

    private record Added(long seq, JsonObject object) implements Notification {
    }

    private record Updated(long seq, JsonObject oldObject, JsonObject newObject) implements Notification {
    }

    private record Deleted(long seq, JsonObject object, boolean finalStateUnknown) implements Notification {
    }

    private record Resync(long seq, List<JsonObject> objects) implements Notification {
    }

    private record SyncedMarker(long seq) implements Notification {
    }

    /** The cache as a new handler first sees it. */
    private record Replay(Registration registration, List<JsonObject> objects) implements Notification {
        @Override
        public long seq() {
            return registration.startSeq;
        }
    }

    private void dispatch() {
        long nextResync = System.nanoTime() + resyncNanos;
        while (running) {
            try {
                Notification n;
                if (resyncNanos > 0) {
                    long now = System.nanoTime();
                    if (now - nextResync >= 0) {
                        queueResync();
                        nextResync = now + resyncNanos;
                    }
                    n = notifications.poll(nextResync - now, TimeUnit.NANOSECONDS);
                } else {
                    n = notifications.take();
                }
                if (n != null) {
                    deliver(n);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void queueResync() {
        if (!synced) {
            return;
        }
        lock.writeLock().lock();
        try {
            // Queued behind pending changes, so handlers never see a state older than one they saw.
            notify(new Resync(++sequence, new ArrayList<>(items.values())));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void deliver(Notification n) {
        if (n instanceof Replay replay) {
            Registration r = replay.registration();
            for (JsonObject o : replay.objects()) {
                r.call(h -> h.onAdd(o.deepCopy()));
            }
            if (r.registeredSynced) {
                r.synced = true;
            }
            return;
        }
        for (Registration r : registrations) {
            if (n.seq() <= r.startSeq) {
                continue;
            }
            if (n instanceof Added a) {
                r.call(h -> h.onAdd(a.object().deepCopy()));
            } else if (n instanceof Updated u) {
                r.call(h -> h.onUpdate(u.oldObject().deepCopy(), u.newObject().deepCopy()));
            } else if (n instanceof Deleted d) {
                r.call(h -> h.onDelete(d.object().deepCopy(), d.finalStateUnknown()));
            } else if (n instanceof Resync s) {
                for (JsonObject o : s.objects()) {
                    r.call(h -> h.onUpdate(o.deepCopy(), o.deepCopy()));
                }
            } else if (n instanceof SyncedMarker) {
                r.synced = true;
            }
        }
    }

    private final class Registration implements HandlerRegistration {
        final ResourceEventHandler handler;
        /** Notifications up to this number are in the replay snapshot. */
        final long startSeq;
        /** Whether the informer had synced when the handler was added (the replay is then complete). */
        final boolean registeredSynced;
        volatile boolean synced;
        volatile boolean active = true;

        Registration(ResourceEventHandler handler, long startSeq, boolean registeredSynced) {
            this.handler = handler;
            this.startSeq = startSeq;
            this.registeredSynced = registeredSynced;
        }

        void call(java.util.function.Consumer<ResourceEventHandler> call) {
            if (!active) {
                return;
            }
            try {
                call.accept(handler);
            } catch (RuntimeException e) {
                LOG.error("{}: handler {} failed", name, handler.getClass().getName(), e);
            }
        }

        @Override
        public boolean hasSynced() {
            return synced;
        }

        @Override
        public void close() {
            active = false;
            registrations.remove(this);
        }
    }
}
