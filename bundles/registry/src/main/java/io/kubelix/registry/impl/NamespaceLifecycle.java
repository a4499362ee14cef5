package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.Txn;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API server does around namespaces: the boot namespaces, the {@code default}
 * ServiceAccount of every namespace, refusing new content in a missing or terminating namespace,
 * and emptying a deleted namespace before it goes.
 */
final class NamespaceLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceLifecycle.class);
    static final List<String> BOOT_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final Set<String> PROTECTED = Set.of("default", "kube-system", "kube-public");
    private static final long CLEANUP_RETRY_MILLIS = 1000;

    private final ResourceRegistry registry;
    private final ScheduledExecutorService timers;
    private final CountDownLatch bootstrapped = new CountDownLatch(1);
    private final AtomicBoolean bootstrapScheduled = new AtomicBoolean();
    private final Set<String> cleaning = java.util.concurrent.ConcurrentHashMap.newKeySet();

    NamespaceLifecycle(ResourceRegistry registry, ScheduledExecutorService timers) {
        this.registry = registry;
        this.timers = timers;
    }

    boolean isBootstrapped() {
        return bootstrapped.getCount() == 0;
    }

    boolean awaitBootstrap(long timeoutMillis) throws InterruptedException {
        return bootstrapped.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Creates what every cluster has, once the Namespace and ServiceAccount kinds are served. */
    void bootstrapSoon() {
        if (isBootstrapped() || namespaceType().isEmpty() || serviceAccountType().isEmpty()) {
            return;
        }
        if (bootstrapScheduled.compareAndSet(false, true)) {
            timers.execute(this::bootstrap);
        }
    }

    private void bootstrap() {
        try {
            ResourceType ns = namespaceType().orElseThrow();
            for (String name : BOOT_NAMESPACES) {
                JsonObject object = new JsonObject();
                JsonObject metadata = new JsonObject();
                metadata.addProperty("name", name);
                object.add("metadata", metadata);
                try {
                    registry.create(ns, null, object, WriteOptions.manager("kubelix-apiserver"));
                } catch (ApiException e) {
                    if (e.code() != 409) {
                        throw e;
                    }
                }
            }
            for (JsonObject namespace : registry.list(ns, null, ListOptions.ALL).items()) {
                if (MetadataRules.isBeingDeleted(namespace)) {
                    scheduleCleanup(Objects.name(namespace), 0);
                } else {
                    ensureDefaultServiceAccount(Objects.name(namespace));
                }
            }
            bootstrapped.countDown();
            LOG.info("Boot namespaces and default service accounts are in place");
        } catch (RuntimeException e) {
            LOG.warn("Bootstrap of namespaces failed, retrying: {}", e.toString());
            bootstrapScheduled.set(false);
            timers.schedule(this::bootstrapSoon, CLEANUP_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    boolean isNamespace(ResourceType type) {
        return type.group().isEmpty() && type.plural().equals("namespaces");
    }

    /** Admission for namespaced creates: the namespace must exist and not be terminating. */
    void admitCreate(ResourceType type, String namespace, String name) {
        ResourceType ns = namespaceType().orElse(null);
        if (ns == null) {
            return;
        }
        Optional<KeyValue> kv = registry.read(ns, null, namespace);
        if (kv.isEmpty()) {
            throw new ApiException(404, "NotFound", "namespaces \"" + namespace + "\" not found", namespace, "",
                    "namespaces", List.of(), null);
        }
        if (MetadataRules.isBeingDeleted(ObjectCodec.decode(kv.get(), ns))) {
            throw new ApiException(403, "Forbidden", type.qualifiedPlural() + " \"" + name
                    + "\" is forbidden: unable to create new content in namespace " + namespace
                    + " because it is being terminated", name, type.group(), type.plural(), List.of(), null);
        }
    }

    void afterCreate(ResourceType type, JsonObject created) {
        if (isNamespace(type)) {
            ensureDefaultServiceAccount(Objects.name(created));
        }
    }

    void checkDeletable(ResourceType type, JsonObject object) {
        if (isNamespace(type) && PROTECTED.contains(Objects.name(object))) {
            throw new ApiException(403, "Forbidden", "namespaces \"" + Objects.name(object)
                    + "\" is forbidden: this namespace may not be deleted", Objects.name(object), "",
                    "namespaces", List.of(), null);
        }
    }

    void afterMarkedForDeletion(ResourceType type, JsonObject object) {
        if (isNamespace(type)) {
            scheduleCleanup(Objects.name(object), 0);
        }
    }

    void afterDelete(ResourceType type, JsonObject object) {
        // Nothing yet: garbage collection of dependents comes with the controllers.
    }

    private void scheduleCleanup(String namespace, long delayMillis) {
        if (delayMillis == 0 && !cleaning.add(namespace)) {
            return;
        }
        timers.schedule(() -> cleanup(namespace), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Deletes everything in a terminating namespace, then the namespace itself. */
    private void cleanup(String namespace) {
        try {
            boolean empty = true;
            Set<String> seenStorage = new HashSet<>();
            for (ResourceType type : registry.resourceTypes()) {
                if (!type.namespaced() || !seenStorage.add(StorageKeys.typePrefix(type))) {
                    continue;
                }
                List<JsonObject> items = registry.list(type, namespace, ListOptions.ALL).items();
                for (JsonObject item : items) {
                    empty = false;
                    try {
                        registry.delete(type, namespace, Objects.name(item), DeleteOptions.propagation("Background"));
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            LOG.warn("Could not delete {} {}/{} of terminating namespace: {}", type.kind(), namespace,
                                    Objects.name(item), e.getMessage());
                        }
                    }
                }
            }
            if (!empty) {
                timers.schedule(() -> cleanup(namespace), CLEANUP_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            removeNamespace(namespace);
            cleaning.remove(namespace);
        } catch (RuntimeException e) {
            LOG.warn("Cleanup of namespace {} failed, retrying: {}", namespace, e.toString());
            timers.schedule(() -> cleanup(namespace), CLEANUP_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void removeNamespace(String namespace) {
        ResourceType ns = namespaceType().orElseThrow();
        Optional<KeyValue> kv = registry.read(ns, null, namespace);
        if (kv.isEmpty()) {
            return;
        }
        JsonObject object = ObjectCodec.decode(kv.get(), ns);
        if (MetadataRules.hasFinalizers(object)) {
            // Someone else's finalizer still holds it; they remove it and the update deletes it.
            return;
        }
        String key = StorageKeys.objectKey(ns, null, namespace);
        if (!registry.store().txn(Txn.when(Compare.modRevision(key, kv.get().modRevision()), Op.delete(key), null))
                .succeeded()) {
            timers.schedule(() -> cleanup(namespace), CLEANUP_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void ensureDefaultServiceAccount(String namespace) {
        Optional<ResourceType> sa = serviceAccountType();
        if (sa.isEmpty() || namespace == null) {
            return;
        }
        if (registry.read(sa.get(), namespace, "default").isPresent()) {
            return;
        }
        JsonObject object = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", "default");
        metadata.addProperty("namespace", namespace);
        object.add("metadata", metadata);
        try {
            registry.create(sa.get(), namespace, object, WriteOptions.manager("kubelix-serviceaccount"));
        } catch (ApiException e) {
            if (e.code() != 409 && e.code() != 403) {
                LOG.warn("Could not create the default service account of namespace {}: {}", namespace,
                        e.getMessage());
            }
        }
    }

    private Optional<ResourceType> namespaceType() {
        return registry.findType("", "v1", "namespaces");
    }

    private Optional<ResourceType> serviceAccountType() {
        return registry.findType("", "v1", "serviceaccounts");
    }
}
