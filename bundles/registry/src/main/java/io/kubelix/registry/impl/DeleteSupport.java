package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.KeyValueStore;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;

/**
 * Deletion: immediate for an object without finalizers; otherwise the object is marked with a
 * deletionTimestamp and stays until the last finalizer is removed by an update.
 */
final class DeleteSupport {
    private static final int CONFLICT_RETRIES = 8;

    private DeleteSupport() {
    }

    static JsonObject delete(ResourceRegistry registry, KeyValueStore store, NamespaceLifecycle namespaces,
            ResourceDefinition def, String namespace, String name, DeleteOptions options) {
        ResourceType type = def.type();
        checkPropagation(options.propagationPolicy());
        for (int attempt = 0; ; attempt++) {
            KeyValue kv = registry.read(type, namespace, name).orElseThrow(() -> ApiException.notFound(type, name));
            JsonObject current = ObjectCodec.decode(kv, type);
            checkPreconditions(type, name, current, options);
            namespaces.checkDeletable(type, current);
            boolean namespaceWithContent = namespaces.isNamespace(type);
            String key = StorageKeys.objectKey(type, namespace, name);
            Op op;
            JsonObject answer;
            if (MetadataRules.hasFinalizers(current) || namespaceWithContent) {
                if (MetadataRules.isBeingDeleted(current)) {
                    return current; // already on its way out
                }
                JsonObject marked = current.deepCopy();
                JsonObject metadata = Objects.metadataForWrite(marked);
                metadata.addProperty("deletionTimestamp", MetadataRules.now());
                metadata.addProperty("deletionGracePeriodSeconds", 0);
                if (namespaceWithContent) {
                    JsonObject status = new JsonObject();
                    status.addProperty("phase", "Terminating");
                    marked.add("status", status);
                }
                op = Op.put(key, ObjectCodec.encode(marked));
                answer = marked;
            } else {
                op = Op.delete(key);
                answer = current;
            }
            if (options.dryRun()) {
                return answer;
            }
            TxnResult result = store.txn(Txn.when(Compare.modRevision(key, kv.modRevision()), op, null));
            if (result.succeeded()) {
                if (op instanceof Op.Put) {
                    ResourceRegistry.withRevision(answer, result.revision());
                    namespaces.afterMarkedForDeletion(type, answer);
                } else {
                    namespaces.afterDelete(type, answer);
                }
                return answer;
            }
            if (attempt >= CONFLICT_RETRIES) {
                throw ApiException.staleResourceVersion(type, name);
            }
        }
    }

    private static void checkPropagation(String policy) {
        if (policy != null && !policy.isEmpty() && !policy.equals("Background") && !policy.equals("Foreground")
                && !policy.equals("Orphan")) {
            throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Background\", \"Foreground\", \"Orphan\"");
        }
    }

    private static void checkPreconditions(ResourceType type, String name, JsonObject current, DeleteOptions options) {
        String uid = Objects.uid(current);
        if (options.uidPrecondition() != null && !options.uidPrecondition().equals(uid)) {
            throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: "
                    + options.uidPrecondition() + ", UID in object meta: " + uid);
        }
        String rv = Objects.resourceVersion(current);
        if (options.rvPrecondition() != null && !options.rvPrecondition().equals(rv)) {
            throw ApiException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                    + options.rvPrecondition() + ", ResourceVersion in object meta: " + rv);
        }
    }
}
