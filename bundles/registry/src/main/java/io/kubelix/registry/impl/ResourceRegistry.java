package io.kubelix.registry.impl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.EncodedList;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceDefinitionProvider;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.KeyValueStore;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import io.kubelix.api.yaml.Yaml;
import io.kubelix.registry.impl.patch.JsonPatch;
import io.kubelix.registry.impl.patch.MergePatch;
import io.kubelix.registry.impl.patch.PatchException;
import io.kubelix.registry.impl.patch.StrategicMergePatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link ResourceService}: Kubernetes object semantics over the {@link KeyValueStore}.
 * <p>
 * Every write is one compare-and-swap transaction made only after defaulting and validation have
 * passed, so a rejected request leaves nothing behind. Kind-specific rules come from the
 * {@link ResourceStrategy} of each definition; everything else (metadata, status and scale
 * subresources, finalizers, selectors, pagination, watch) is handled here the same way for every
 * kind.
 */
@Component(service = ResourceService.class)
public class ResourceRegistry implements ResourceService {
    /** How often an unconditional write is retried when another writer got in between. */
    private static final int CONFLICT_RETRIES = 8;

    private final Map<ResourceDefinitionProvider, List<ResourceDefinition>> providers = new LinkedHashMap<>();
    private volatile Catalog catalog = Catalog.EMPTY;
    private volatile KeyValueStore store;
    private ScheduledExecutorService timers;
    private NamespaceLifecycle namespaces;
    private WatchSupport watches;

    /** For DS. */
    public ResourceRegistry() {
    }

    /** For use without OSGi (tests, benchmarks): a registry over a store with the given kinds. */
    public static ResourceRegistry standalone(KeyValueStore store, List<ResourceDefinitionProvider> providers) {
        ResourceRegistry registry = new ResourceRegistry();
        registry.store = store;
        providers.forEach(registry::addProvider);
        registry.activate();
        return registry;
    }

    @Reference
    void setStore(KeyValueStore store) {
        this.store = store;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(ResourceDefinitionProvider provider) {
        synchronized (providers) {
            providers.put(provider, provider.definitions());
            catalog = Catalog.of(providers.values());
        }
        NamespaceLifecycle lifecycle = namespaces;
        if (lifecycle != null) {
            lifecycle.bootstrapSoon();
        }
    }

    void removeProvider(ResourceDefinitionProvider provider) {
        synchronized (providers) {
            providers.remove(provider);
            catalog = Catalog.of(providers.values());
        }
    }

    @Activate
    void activate() {
        timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "kubelix-registry-timers");
            t.setDaemon(true);
            return t;
        });
        watches = new WatchSupport(store, timers);
        namespaces = new NamespaceLifecycle(this, timers);
        namespaces.bootstrapSoon();
    }

    @Deactivate
    public void deactivate() {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (watches != null) {
            watches.closeAll();
        }
    }

    /** Waits until the boot namespaces exist (for tests and the readiness check). */
    public boolean awaitBootstrap(long timeoutMillis) throws InterruptedException {
        return namespaces.awaitBootstrap(timeoutMillis);
    }

    public boolean isBootstrapped() {
        return namespaces != null && namespaces.isBootstrapped();
    }

    // ---- discovery ----

    @Override
    public List<ResourceType> resourceTypes() {
        return catalog.types();
    }

    @Override
    public Optional<ResourceType> findType(String group, String version, String plural) {
        return catalog.byResource(group, version, plural).map(ResourceDefinition::type);
    }

    @Override
    public Optional<ResourceType> findTypeByKind(String apiVersion, String kind) {
        return catalog.byKind(apiVersion, kind).map(ResourceDefinition::type);
    }

    ResourceDefinition definition(ResourceType type) {
        return catalog.definitionOf(type).orElseThrow(() -> ApiException.notFound(
                "the server could not find the requested resource (" + type.qualifiedPlural() + ")"));
    }

    // ---- reads ----

    @Override
    public JsonObject get(ResourceType type, String namespace, String name, String subresource) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "get");
        checkSubresource(def.type(), subresource);
        JsonObject object = read(def.type(), namespace, name)
                .map(kv -> ObjectCodec.decode(kv, def.type()))
                .orElseThrow(() -> ApiException.notFound(def.type(), name));
        return "scale".equals(subresource) ? ScaleSubresource.toScale(object, def) : object;
    }

    Optional<KeyValue> read(ResourceType type, String namespace, String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("name is required");
        }
        return store.get(StorageKeys.objectKey(type, namespace, name));
    }

    @Override
    public ObjectList list(ResourceType type, String namespace, ListOptions options) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "list");
        return ListSupport.list(store, def, namespace, options == null ? ListOptions.ALL : options);
    }

    @Override
    public EncodedList listEncoded(ResourceType type, String namespace, ListOptions options) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "list");
        return ListSupport.listEncoded(store, def, namespace, options == null ? ListOptions.ALL : options);
    }

    @Override
    public WatchHandle watch(ResourceType type, String namespace, ListOptions options, ObjectWatcher watcher) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "watch");
        return watches.watch(def, namespace, options == null ? ListOptions.ALL : options, watcher);
    }

    // ---- writes ----

    @Override
    public JsonObject create(ResourceType type, String namespace, JsonObject body, WriteOptions options) {
        WriteOptions opts = options == null ? WriteOptions.DEFAULT : options;
        return create(type, namespace, body, opts, ServerSideApply.updateManager(opts.fieldManager()), "Update");
    }

    /** A create recorded in managedFields as {@code operation} ("Apply" or "Update") by {@code manager}. */
    private JsonObject create(ResourceType type, String namespace, JsonObject body, WriteOptions opts,
            String manager, String operation) {
        ResourceDefinition def = definition(type);
        ResourceType t = def.type();
        checkVerb(t, "create");
        JsonObject object = body.deepCopy();
        checkTypeMeta(object, t);
        JsonObject metadata = Objects.metadataForWrite(object);
        String ns = resolveNamespace(t, namespace, metadata);
        MetadataRules.assignName(metadata);
        MetadataRules.prepareForCreate(metadata);
        if (t.hasSubresource("status") && def.strategy().resetsStatusOnCreate()) {
            // Status belongs to controllers; a client's create cannot set it.
            object.remove("status");
        }
        // Ownership is of what the client set, before defaults fill in the rest.
        ServerSideApply.recordCreate(object, manager, operation, t.apiVersion());
        def.strategy().applyDefaults(object);
        validateOrThrow(t, object, errors -> {
            errors.addAll(MetadataRules.validate(object, def.strategy(), t.namespaced()));
            errors.addAll(def.strategy().validateCreate(object));
        });
        String name = Objects.name(object);
        if (t.namespaced()) {
            namespaces.admitCreate(t, ns, name);
        }
        if (opts.dryRun()) {
            return object;
        }
        String key = StorageKeys.objectKey(t, ns, name);
        TxnResult result = store.txn(Txn.when(Compare.absent(key), Op.put(key, ObjectCodec.encode(object)), null));
        if (!result.succeeded()) {
            throw ApiException.alreadyExists(t, name);
        }
        JsonObject created = withRevision(object, result.revision());
        namespaces.afterCreate(t, created);
        return created;
    }

    @Override
    public JsonObject update(ResourceType type, String namespace, String name, String subresource, JsonObject body,
            WriteOptions options) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "update");
        checkSubresource(def.type(), subresource);
        WriteOptions opts = options == null ? WriteOptions.DEFAULT : options;
        if ("scale".equals(subresource)) {
            return ScaleSubresource.update(this, def, namespace, name, body, opts);
        }
        checkTypeMeta(body, def.type());
        String bodyName = Objects.name(body);
        if (bodyName != null && !bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        String requiredVersion = Objects.resourceVersion(body);
        return writeWithRetry(def, namespace, name, requiredVersion, opts, current -> {
            JsonObject updated = body.deepCopy();
            JsonObject metadata = Objects.metadataForWrite(updated);
            if (!metadata.has("name")) {
                metadata.addProperty("name", name);
            }
            if (def.type().namespaced() && !metadata.has("namespace")) {
                metadata.addProperty("namespace", namespace);
            }
            return updated;
        }, subresource);
    }

    @Override
    public JsonObject patch(ResourceType type, String namespace, String name, String subresource, PatchType patchType,
            String patch, WriteOptions options) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "patch");
        checkSubresource(def.type(), subresource);
        WriteOptions opts = options == null ? WriteOptions.DEFAULT : options;
        if (patchType == null) {
            throw new ApiException(415, "UnsupportedMediaType", "the patch Content-Type is not supported; use one of "
                    + "application/json-patch+json, application/merge-patch+json, "
                    + "application/strategic-merge-patch+json, application/apply-patch+yaml");
        }
        JsonElement document = parsePatch(patchType, patch);
        if (patchType == PatchType.APPLY_PATCH) {
            if (!document.isJsonObject()) {
                throw ApiException.badRequest("an apply configuration must be an object");
            }
            ServerSideApply.checkApplyRequest(document.getAsJsonObject(), opts.fieldManager());
        }
        if (patchType == PatchType.APPLY_PATCH && subresource == null && read(def.type(), namespace, name).isEmpty()) {
            // Server-side apply creates what does not exist yet.
            JsonObject object = document.getAsJsonObject();
            String appliedName = Objects.name(object);
            if (appliedName != null && !appliedName.equals(name)) {
                throw ApiException.badRequest("the name of the object (" + appliedName
                        + ") does not match the name on the URL (" + name + ")");
            }
            Objects.metadataForWrite(object).addProperty("name", name);
            return create(def.type(), namespace, object, opts, opts.fieldManager(), "Apply");
        }
        if ("scale".equals(subresource)) {
            JsonObject scale = applyPatch(patchType, ScaleSubresource.toScale(get(def.type(), namespace, name, null), def),
                    document);
            return ScaleSubresource.update(this, def, namespace, name, scale, opts);
        }
        // A resourceVersion inside the patch is a precondition, as in Kubernetes.
        String requiredVersion = document.isJsonObject() ? Objects.resourceVersion(document.getAsJsonObject()) : null;
        if (patchType == PatchType.APPLY_PATCH && subresource == null) {
            JsonObject applied = document.getAsJsonObject().deepCopy();
            checkTypeMeta(applied, def.type());
            Objects.metadataForWrite(applied).remove("resourceVersion");
            return writeWithRetry(def, namespace, name, requiredVersion, opts,
                    current -> ServerSideApply.apply(def.type(), current, applied, opts.fieldManager(), opts.force()),
                    null, true);
        }
        return writeWithRetry(def, namespace, name, requiredVersion, opts, current -> {
            JsonObject patched = applyPatch(patchType, current, document);
            Objects.metadataForWrite(patched).remove("resourceVersion");
            return patched;
        }, subresource);
    }

    /** Computes a new version of an object from the stored one. */
    @FunctionalInterface
    interface Mutation {
        JsonObject apply(JsonObject current);
    }

    /**
     * The read-modify-write loop shared by update and patch: reads the object, computes the new
     * version, checks it, and writes it if nobody else wrote in between, retrying otherwise unless
     * the caller named the resourceVersion it expects.
     */
    JsonObject writeWithRetry(ResourceDefinition def, String namespace, String name, String requiredVersion,
            WriteOptions opts, Mutation mutation, String subresource) {
        return writeWithRetry(def, namespace, name, requiredVersion, opts, mutation, subresource, false);
    }

    /** {@code applied}: the mutation is a server-side apply and keeps managedFields itself. */
    private JsonObject writeWithRetry(ResourceDefinition def, String namespace, String name, String requiredVersion,
            WriteOptions opts, Mutation mutation, String subresource, boolean applied) {
        ResourceType t = def.type();
        for (int attempt = 0; ; attempt++) {
            KeyValue kv = read(t, namespace, name).orElseThrow(() -> ApiException.notFound(t, name));
            if (requiredVersion != null && !requiredVersion.isEmpty()
                    && !requiredVersion.equals(Long.toString(kv.modRevision()))) {
                throw ApiException.staleResourceVersion(t, name);
            }
            JsonObject current = ObjectCodec.decode(kv, t);
            JsonObject proposed = mutation.apply(current.deepCopy());
            checkTypeMeta(proposed, t);
            proposed.addProperty("apiVersion", t.apiVersion());
            proposed.addProperty("kind", t.kind());
            if (!applied) {
                // managedFields are the server's: what a client sends there is ignored.
                ServerSideApply.copyManagedFields(current, proposed);
            }
            JsonObject next = prepareUpdate(def, current, proposed, subresource);
            if (!applied && !"status".equals(subresource)) {
                ServerSideApply.recordUpdate(current, next, ServerSideApply.updateManager(opts.fieldManager()),
                        t.apiVersion());
            }
            if (sameContent(next, current)) {
                return current;
            }
            if (opts.dryRun()) {
                return next;
            }
            String key = StorageKeys.objectKey(t, namespace, name);
            boolean finished = MetadataRules.isBeingDeleted(next) && !MetadataRules.hasFinalizers(next);
            Op op = finished ? Op.delete(key) : Op.put(key, ObjectCodec.encode(next));
            TxnResult result = store.txn(Txn.when(Compare.modRevision(key, kv.modRevision()), op, null));
            if (result.succeeded()) {
                JsonObject written = withRevision(next, result.revision());
                if (finished) {
                    namespaces.afterDelete(t, written);
                }
                return written;
            }
            if ((requiredVersion != null && !requiredVersion.isEmpty()) || attempt >= CONFLICT_RETRIES) {
                throw ApiException.staleResourceVersion(t, name);
            }
        }
    }

    /** Applies the update rules to a proposed new version of {@code current}; throws 422 when invalid. */
    private JsonObject prepareUpdate(ResourceDefinition def, JsonObject current, JsonObject proposed,
            String subresource) {
        ResourceType t = def.type();
        ResourceStrategy strategy = def.strategy();
        JsonObject next;
        if ("status".equals(subresource)) {
            // A status write changes the status and nothing else.
            next = current.deepCopy();
            JsonElement status = proposed.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.add("status", status.deepCopy());
            }
            // Kubernetes defaults every write, status writes included (a node's allocatable, say).
            strategy.applyDefaults(next);
        } else {
            next = proposed;
            if (t.hasSubresource("status")) {
                JsonElement status = current.get("status");
                if (status == null) {
                    next.remove("status");
                } else {
                    next.add("status", status.deepCopy());
                }
            }
            JsonObject metadata = Objects.metadataForWrite(next);
            JsonObject oldMetadata = Objects.metadata(current);
            validateOrThrow(t, next, errors -> errors.addAll(MetadataRules.validateUpdate(metadata, oldMetadata)));
            MetadataRules.prepareForUpdate(metadata, oldMetadata);
            strategy.applyDefaults(next);
        }
        if (specChanged(strategy, current, next)) {
            long generation = Objects.metadata(current).has("generation")
                    ? Objects.metadata(current).get("generation").getAsLong() : 1;
            Objects.metadataForWrite(next).addProperty("generation", generation + 1);
        }
        validateOrThrow(t, next, errors -> {
            errors.addAll(MetadataRules.validate(next, strategy, t.namespaced()));
            errors.addAll(strategy.validateUpdate(next, current));
        });
        if (MetadataRules.isBeingDeleted(current) && !MetadataRules.isBeingDeleted(next)) {
            throw ApiException.invalid(t, Objects.name(current), List.of(
                    FieldError.forbidden("metadata.deletionTimestamp", "cannot be cleared once set")));
        }
        return next;
    }

    @Override
    public JsonObject delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "delete");
        return DeleteSupport.delete(this, store, namespaces, def, namespace, name,
                options == null ? DeleteOptions.DEFAULT : options);
    }

    @Override
    public ObjectList deleteCollection(ResourceType type, String namespace, ListOptions listOptions,
            DeleteOptions deleteOptions) {
        ResourceDefinition def = definition(type);
        checkVerb(def.type(), "deletecollection");
        ObjectList selected = list(def.type(), namespace, listOptions == null ? ListOptions.ALL : listOptions);
        List<JsonObject> deleted = new ArrayList<>();
        for (JsonObject object : selected.items()) {
            try {
                deleted.add(delete(def.type(), Objects.namespace(object), Objects.name(object), deleteOptions));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return new ObjectList(deleted, Long.toString(store.revision()), null, null);
    }

    // ---- helpers ----

    static JsonObject withRevision(JsonObject object, long revision) {
        Objects.metadataForWrite(object).addProperty("resourceVersion", Long.toString(revision));
        return object;
    }

    private static boolean specChanged(ResourceStrategy strategy, JsonObject before, JsonObject after) {
        for (String field : strategy.specFields()) {
            if (!java.util.Objects.equals(before.get(field), after.get(field))) {
                return true;
            }
        }
        return false;
    }

    /** Equal but for resourceVersion: such an update changes nothing and is not written. */
    private static boolean sameContent(JsonObject a, JsonObject b) {
        JsonObject x = a.deepCopy();
        JsonObject y = b.deepCopy();
        Objects.metadataForWrite(x).remove("resourceVersion");
        Objects.metadataForWrite(y).remove("resourceVersion");
        return x.equals(y);
    }

    static void checkVerb(ResourceType type, String verb) {
        if (!type.allows(verb)) {
            throw ApiException.methodNotAllowed(verb + " is not supported on resources of kind \""
                    + type.qualifiedPlural() + "\"");
        }
    }

    private static void checkSubresource(ResourceType type, String subresource) {
        if (subresource != null && !type.hasSubresource(subresource)) {
            throw ApiException.notFound("the server could not find the requested resource ("
                    + type.qualifiedPlural() + "/" + subresource + ")");
        }
    }

    /** apiVersion and kind in a body, when given, must be the type's. */
    private static void checkTypeMeta(JsonObject object, ResourceType type) {
        String apiVersion = Objects.apiVersion(object);
        String kind = Objects.kind(object);
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (kind != null && !kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        JsonElement metadata = object.get("metadata");
        if (metadata != null && !metadata.isJsonNull() && !metadata.isJsonObject()) {
            throw ApiException.badRequest("metadata must be an object");
        }
        object.addProperty("apiVersion", type.apiVersion());
        object.addProperty("kind", type.kind());
    }

    private static String resolveNamespace(ResourceType type, String namespace, JsonObject metadata) {
        if (!type.namespaced()) {
            metadata.remove("namespace");
            return null;
        }
        String inBody = Objects.string(metadata, "namespace");
        if (namespace == null || namespace.isEmpty()) {
            if (inBody == null || inBody.isEmpty()) {
                throw ApiException.badRequest("a namespace is required to create " + type.qualifiedPlural());
            }
            return inBody;
        }
        if (inBody != null && !inBody.isEmpty() && !inBody.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
        metadata.addProperty("namespace", namespace);
        return namespace;
    }

    private static void validateOrThrow(ResourceType type, JsonObject object,
            java.util.function.Consumer<List<FieldError>> checks) {
        List<FieldError> errors = new ArrayList<>();
        checks.accept(errors);
        if (!errors.isEmpty()) {
            String name = Objects.name(object);
            throw ApiException.invalid(type, name == null ? "" : name, errors);
        }
    }

    private static JsonElement parsePatch(PatchType type, String patch) {
        try {
            if (type == PatchType.APPLY_PATCH) {
                return Yaml.readObject(patch);
            }
            return Json.parse(patch);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the patch body is not valid: " + e.getMessage());
        }
    }

    private static JsonObject applyPatch(PatchType type, JsonObject current, JsonElement document) {
        try {
            JsonElement result = switch (type) {
                case JSON_PATCH -> JsonPatch.apply(current, document);
                case MERGE_PATCH, APPLY_PATCH -> {
                    if (!document.isJsonObject()) {
                        throw new PatchException("a merge patch must be a JSON object");
                    }
                    yield MergePatch.apply(current, document);
                }
                case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(current, document);
            };
            if (!result.isJsonObject()) {
                throw new PatchException("the patched document is not an object");
            }
            return result.getAsJsonObject();
        } catch (PatchException e) {
            throw new ApiException(422, "Invalid", "the patch could not be applied: " + e.getMessage());
        }
    }

    KeyValueStore store() {
        return store;
    }

}
