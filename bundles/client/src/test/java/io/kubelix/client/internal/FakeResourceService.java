package io.kubelix.client.internal;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TEST DOUBLE of {@link ResourceService}: a small in-memory object store with resource
 * versions, an event history and watches, plus knobs to simulate what the informer must survive
 * (watches closing, events lost while disconnected, 410 Expired at watch start or as an ERROR
 * event, failing lists).
 * <p>
 * It is not the real registry (that lives in the registry module, with defaulting, validation and
 * the real store); it implements only what the client's tests need, with Kubernetes' watch
 * semantics. End-to-end tests against the real server come later.
 */
final class FakeResourceService implements ResourceService {
    static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap", true,
            List.of("cm"), List.of(), ResourceType.ALL_VERBS, List.of());
    static final ResourceType NODES = new ResourceType("", "v1", "Node", "nodes", "node", false, List.of("no"),
            List.of(), ResourceType.ALL_VERBS, List.of("status"));
    static final ResourceType DEPLOYMENTS = new ResourceType("apps", "v1", "Deployment", "deployments", "deployment",
            true, List.of("deploy"), List.of("all"), ResourceType.ALL_VERBS, List.of("status", "scale"));

    private record Event(long revision, ResourceType type, String eventType, JsonObject object) {
    }

    private final List<ResourceType> types = List.of(CONFIG_MAPS, NODES, DEPLOYMENTS);
    private final Map<String, JsonObject> objects = new TreeMap<>();
    private final List<Event> history = new ArrayList<>();
    private final List<FakeWatch> watches = new CopyOnWriteArrayList<>();
    private long revision = 100;
    private long compactedRevision;
    private boolean deliveryHeld;
    private int failingLists;
    private int failingWatches;

    final AtomicInteger listCalls = new AtomicInteger();
    final AtomicInteger watchCalls = new AtomicInteger();
    final List<ListOptions> watchOptions = new CopyOnWriteArrayList<>();
    volatile String lastSubresource;

    // ---- knobs ----

    /** Ends every open watch as a server timeout would (onClosed, no error). */
    synchronized void closeWatches() {
        for (FakeWatch w : watches) {
            w.end(null);
        }
    }

    /** Ends every open watch with an ERROR event carrying 410 Expired, then onClosed. */
    synchronized void expireWatches() {
        for (FakeWatch w : watches) {
            w.end(ApiException.gone("too old resource version").toStatus());
        }
    }

    /** From now on, changes are recorded but not sent to open watches: as if the connection were lost. */
    synchronized void holdDelivery() {
        deliveryHeld = true;
    }

    synchronized void resumeDelivery() {
        deliveryHeld = false;
    }

    /** Forgets the history up to now: a watch from an older revision fails with 410. */
    synchronized void compact() {
        compactedRevision = revision;
        history.clear();
    }

    /** The next {@code n} lists fail with 503. */
    synchronized void failLists(int n) {
        failingLists = n;
    }

    /** The next {@code n} watch starts fail with 503. */
    synchronized void failWatches(int n) {
        failingWatches = n;
    }

    int openWatches() {
        return watches.size();
    }

    synchronized long revision() {
        return revision;
    }

    // ---- convenience for tests ----

    static JsonObject configMap(String namespace, String name, Map<String, String> labels, String value) {
        JsonObject o = new JsonObject();
        o.addProperty("apiVersion", "v1");
        o.addProperty("kind", "ConfigMap");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", name);
        metadata.addProperty("namespace", namespace);
        if (!labels.isEmpty()) {
            JsonObject l = new JsonObject();
            labels.forEach(l::addProperty);
            metadata.add("labels", l);
        }
        o.add("metadata", metadata);
        JsonObject data = new JsonObject();
        data.addProperty("value", value);
        o.add("data", data);
        return o;
    }

    JsonObject put(JsonObject object) {
        return create(CONFIG_MAPS, Objects.namespace(object), object, WriteOptions.DEFAULT);
    }

    /** Sets data.value of a config map (an update). */
    synchronized JsonObject setValue(String namespace, String name, String value) {
        JsonObject current = get(CONFIG_MAPS, namespace, name, null);
        current.getAsJsonObject("data").addProperty("value", value);
        return update(CONFIG_MAPS, namespace, name, null, current, WriteOptions.DEFAULT);
    }

    void remove(String namespace, String name) {
        delete(CONFIG_MAPS, namespace, name, DeleteOptions.DEFAULT);
    }

    // ---- ResourceService ----

    @Override
    public List<ResourceType> resourceTypes() {
        return types;
    }

    @Override
    public Optional<ResourceType> findType(String group, String version, String plural) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)
                && t.plural().equals(plural)).findFirst();
    }

    @Override
    public Optional<ResourceType> findTypeByKind(String apiVersion, String kind) {
        return types.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    private static String key(ResourceType type, String namespace, String name) {
        return type.plural() + "/" + (type.namespaced() ? namespace + "/" : "") + name;
    }

    @Override
    public synchronized JsonObject get(ResourceType type, String namespace, String name, String subresource) {
        lastSubresource = subresource;
        JsonObject o = objects.get(key(type, namespace, name));
        if (o == null) {
            throw ApiException.notFound(type, name);
        }
        return o.deepCopy();
    }

    @Override
    public ObjectList list(ResourceType type, String namespace, ListOptions options) {
        listCalls.incrementAndGet();
        synchronized (this) {
            if (failingLists > 0) {
                failingLists--;
                throw new ApiException(503, "ServiceUnavailable", "the test says no");
            }
            LabelSelector selector = options.labelSelector() == null ? LabelSelector.EVERYTHING
                    : LabelSelector.parse(options.labelSelector());
            String prefix = type.plural() + "/" + (type.namespaced() && namespace != null ? namespace + "/" : "");
            List<JsonObject> items = new ArrayList<>();
            String continueToken = null;
            for (Map.Entry<String, JsonObject> e : objects.entrySet()) {
                if (!e.getKey().startsWith(prefix) || !selector.matches(Objects.labels(e.getValue()))) {
                    continue;
                }
                if (options.continueToken() != null && e.getKey().compareTo(options.continueToken()) <= 0) {
                    continue;
                }
                if (options.limit() > 0 && items.size() == options.limit()) {
                    continueToken = items.isEmpty() ? null : key(type, Objects.namespace(items.get(items.size() - 1)),
                            Objects.name(items.get(items.size() - 1)));
                    break;
                }
                items.add(e.getValue().deepCopy());
            }
            return new ObjectList(items, Long.toString(revision), continueToken, null);
        }
    }

    @Override
    public synchronized JsonObject create(ResourceType type, String namespace, JsonObject object, WriteOptions options) {
        JsonObject o = object.deepCopy();
        JsonObject metadata = Objects.metadataForWrite(o);
        String name = Objects.name(o);
        if (name == null) {
            throw ApiException.invalid(type, "", List.of(FieldError.required("metadata.name")));
        }
        if (type.namespaced()) {
            metadata.addProperty("namespace", namespace);
        }
        String key = key(type, namespace, name);
        if (objects.containsKey(key)) {
            throw ApiException.alreadyExists(type, name);
        }
        metadata.addProperty("uid", UUID.randomUUID().toString());
        return write(type, key, o, "ADDED");
    }

    @Override
    public synchronized JsonObject update(ResourceType type, String namespace, String name, String subresource,
            JsonObject object, WriteOptions options) {
        lastSubresource = subresource;
        String key = key(type, namespace, name);
        JsonObject current = objects.get(key);
        if (current == null) {
            throw ApiException.notFound(type, name);
        }
        String rv = Objects.resourceVersion(object);
        if (rv != null && !rv.equals(Objects.resourceVersion(current))) {
            throw ApiException.staleResourceVersion(type, name);
        }
        JsonObject o = object.deepCopy();
        Objects.metadataForWrite(o).addProperty("uid", Objects.uid(current));
        return write(type, key, o, "MODIFIED");
    }

    private JsonObject write(ResourceType type, String key, JsonObject o, String eventType) {
        revision++;
        Objects.metadataForWrite(o).addProperty("resourceVersion", Long.toString(revision));
        objects.put(key, o);
        record(new Event(revision, type, eventType, o.deepCopy()));
        return o.deepCopy();
    }

    private void record(Event e) {
        history.add(e);
        if (!deliveryHeld) {
            for (FakeWatch w : watches) {
                w.offer(e);
            }
        }
    }

    @Override
    public JsonObject patch(ResourceType type, String namespace, String name, String subresource,
            PatchType patchType, String patch, WriteOptions options) {
        throw new UnsupportedOperationException("the test double does not patch");
    }

    @Override
    public synchronized JsonObject delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        String key = key(type, namespace, name);
        JsonObject current = objects.remove(key);
        if (current == null) {
            throw ApiException.notFound(type, name);
        }
        revision++;
        JsonObject deleted = current.deepCopy();
        Objects.metadataForWrite(deleted).addProperty("resourceVersion", Long.toString(revision));
        record(new Event(revision, type, "DELETED", deleted));
        return deleted.deepCopy();
    }

    @Override
    public ObjectList deleteCollection(ResourceType type, String namespace, ListOptions listOptions,
            DeleteOptions deleteOptions) {
        throw new UnsupportedOperationException("the test double does not delete collections");
    }

    @Override
    public synchronized WatchHandle watch(ResourceType type, String namespace, ListOptions options,
            ObjectWatcher watcher) {
        watchCalls.incrementAndGet();
        watchOptions.add(options);
        if (failingWatches > 0) {
            failingWatches--;
            throw new ApiException(503, "ServiceUnavailable", "the test says no to watches");
        }
        FakeWatch w = new FakeWatch(type, type.namespaced() ? namespace : null, options.labelSelector() == null
                ? LabelSelector.EVERYTHING : LabelSelector.parse(options.labelSelector()), watcher);
        String rv = options.resourceVersion();
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            for (JsonObject o : objects.values()) {
                w.offer(new Event(revision, type, "ADDED", o.deepCopy()));
            }
        } else {
            long from = Long.parseLong(rv);
            if (from < compactedRevision) {
                throw ApiException.gone("too old resource version: " + rv + " (" + compactedRevision + ")");
            }
            for (Event e : history) {
                if (e.revision > from) {
                    w.offer(e);
                }
            }
        }
        watches.add(w);
        return w;
    }

    private final class FakeWatch implements WatchHandle {
        private final ResourceType type;
        private final String namespace;
        private final LabelSelector selector;
        private final ObjectWatcher watcher;
        private volatile boolean closed;

        FakeWatch(ResourceType type, String namespace, LabelSelector selector, ObjectWatcher watcher) {
            this.type = type;
            this.namespace = namespace;
            this.selector = selector;
            this.watcher = watcher;
        }

        void offer(Event e) {
            if (closed || !e.type.equals(type)) {
                return;
            }
            if (namespace != null && !namespace.equals(Objects.namespace(e.object))) {
                return;
            }
            if (!selector.matches(Objects.labels(e.object))) {
                return;
            }
            watcher.onEvent(e.eventType, e.object.deepCopy());
        }

        void end(JsonObject errorStatus) {
            if (closed) {
                return;
            }
            closed = true;
            watches.remove(this);
            if (errorStatus != null) {
                watcher.onEvent("ERROR", errorStatus);
            }
            watcher.onClosed();
        }

        @Override
        public void close() {
            closed = true;
            watches.remove(this);
        }
    }
}
