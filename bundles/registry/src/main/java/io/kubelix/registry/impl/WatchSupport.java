package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.KeyValueStore;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.RangeResult;
import io.kubelix.api.store.Watch;
import io.kubelix.api.store.WatchEvent;
import io.kubelix.api.store.WatchListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Object watches over store watches. A watch without a resourceVersion (or with "0") first sends
 * the current state as ADDED events; a watch from a resourceVersion sends every change after it.
 * Selectors are applied to both the old and the new state, so an object that stops matching is
 * seen as DELETED and one that starts matching as ADDED, as Kubernetes does.
 */
final class WatchSupport {
    /** How often a watch that allows bookmarks is told the revision it has reached. */
    static final long BOOKMARK_INTERVAL_SECONDS = 30;

    private final KeyValueStore store;
    private final ScheduledExecutorService timers;
    private final Set<ObjectWatch> open = ConcurrentHashMap.newKeySet();

    WatchSupport(KeyValueStore store, ScheduledExecutorService timers) {
        this.store = store;
        this.timers = timers;
    }

    WatchHandle watch(ResourceDefinition def, String namespace, ListOptions options, ObjectWatcher watcher) {
        ResourceType type = def.type();
        Selection selection = Selection.of(options, def.strategy());
        String prefix = StorageKeys.listPrefix(type, namespace);
        ObjectWatch watch = new ObjectWatch(type, selection, watcher);
        String rv = options.resourceVersion();
        long from;
        try {
            if (rv == null || rv.isEmpty() || rv.equals("0")) {
                // Current state first, then everything after the revision it was read at.
                long revision = 0;
                String startAfter = null;
                while (true) {
                    RangeResult page = store.range(new RangeRequest(prefix, startAfter, revision, 500));
                    revision = page.revision();
                    for (KeyValue kv : page.kvs()) {
                        JsonObject object = ObjectCodec.decode(kv, type);
                        if (selection.matches(object)) {
                            watcher.onEvent("ADDED", object);
                        }
                        startAfter = kv.key();
                    }
                    if (!page.more()) {
                        break;
                    }
                }
                watch.lastRevision.set(revision);
                from = revision + 1;
            } else {
                long start;
                try {
                    start = Long.parseLong(rv);
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("invalid resource version \"" + rv + "\": it must be a number");
                }
                watch.lastRevision.set(start);
                from = start + 1;
            }
            watch.storeWatch = store.watch(prefix, from, watch);
        } catch (CompactedException e) {
            throw ApiException.gone("too old resource version: " + rv + " (" + e.compactedRevision() + ")");
        }
        open.add(watch);
        if (options.timeoutSeconds() > 0) {
            watch.timers.add(timers.schedule(watch::expire, options.timeoutSeconds(), TimeUnit.SECONDS));
        }
        if (options.allowBookmarks()) {
            watch.timers.add(timers.scheduleAtFixedRate(watch::bookmark, BOOKMARK_INTERVAL_SECONDS,
                    BOOKMARK_INTERVAL_SECONDS, TimeUnit.SECONDS));
        }
        return watch;
    }

    void closeAll() {
        for (ObjectWatch w : open) {
            w.expire();
        }
    }

    /** One object watch: filters and converts store events for its watcher. */
    private final class ObjectWatch implements WatchListener, WatchHandle {
        private final ResourceType type;
        private final Selection selection;
        private final ObjectWatcher watcher;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicLong lastRevision = new AtomicLong();
        private final java.util.List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Watch storeWatch;

        ObjectWatch(ResourceType type, Selection selection, ObjectWatcher watcher) {
            this.type = type;
            this.selection = selection;
            this.watcher = watcher;
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (closed.get()) {
                return;
            }
            lastRevision.set(event.revision());
            if (event.type() == WatchEvent.Type.DELETE) {
                JsonObject object = ObjectCodec.decode(event.kv().value(), event.revision(), type);
                if (selection.matches(object)) {
                    watcher.onEvent("DELETED", object);
                }
                return;
            }
            JsonObject object = ObjectCodec.decode(event.kv(), type);
            boolean now = selection.matches(object);
            boolean before = event.prevKv() != null
                    && (selection.selectsEverything() || selection.matches(ObjectCodec.decode(event.prevKv(), type)));
            if (now && before) {
                watcher.onEvent("MODIFIED", object);
            } else if (now) {
                watcher.onEvent("ADDED", object);
            } else if (before) {
                watcher.onEvent("DELETED", object);
            }
        }

        @Override
        public void onClosed(Throwable cause) {
            if (closed.compareAndSet(false, true)) {
                finish();
                if (cause instanceof CompactedException) {
                    watcher.onEvent("ERROR", ApiException.gone("the watch fell too far behind: " + cause.getMessage()).toStatus());
                }
                watcher.onClosed();
            }
        }

        void bookmark() {
            if (closed.get()) {
                return;
            }
            JsonObject object = new JsonObject();
            object.addProperty("kind", type.kind());
            object.addProperty("apiVersion", type.apiVersion());
            JsonObject metadata = new JsonObject();
            metadata.addProperty("resourceVersion", Long.toString(lastRevision.get()));
            object.add("metadata", metadata);
            watcher.onEvent("BOOKMARK", object);
        }

        void expire() {
            if (closed.compareAndSet(false, true)) {
                finish();
                watcher.onClosed();
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                finish();
            }
        }

        private void finish() {
            open.remove(this);
            timers.forEach(f -> f.cancel(false));
            Watch w = storeWatch;
            if (w != null) {
                w.close();
            }
        }
    }
}
