package io.kubelix.client;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes API objects, in-process or over HTTPS, with the same behaviour either way.
 * <p>
 * Get the in-process client as the OSGi service with {@code (kubelix.client=in-process)}, or build
 * one with {@link KubeClients}. Types come from discovery: {@link #resourceType} answers
 * {@code ("apps/v1", "Deployment")} or {@code ("apps/v1", "deployments")}.
 * <p>
 * Every request that fails throws {@link ApiException} carrying the server's code, reason,
 * message and field causes (404 NotFound, 409 AlreadyExists or Conflict, 422 Invalid...). When
 * the server cannot be reached at all, the remote client throws 503 ServiceUnavailable with a
 * message that says why. Objects are Gson {@link JsonObject}s; objects passed in are not changed
 * and objects returned belong to the caller. Implementations are thread-safe.
 * <p>
 * Objects are addressed by a {@link ResourceRef} (type, namespace, name). Creates and updates take
 * the namespace and name from the object's own metadata, so they cannot disagree.
 */
@ProviderType
public interface KubeClient {

    /** Every resource type the server serves (the remote client caches discovery). */
    List<ResourceType> resourceTypes();

    /**
     * The type served under {@code apiVersion} ("v1", "apps/v1") with this kind ("Deployment"),
     * plural ("deployments") or singular name ("deployment"). The remote client refreshes its
     * discovery cache on a miss, at most every few seconds, so new custom resources show up.
     */
    Optional<ResourceType> resourceType(String apiVersion, String kindOrPlural);

    /**
     * {@link #resourceType}, failing when the server does not serve it.
     *
     * @throws ApiException 404 NotFound naming the missing type
     */
    default ResourceType requireResourceType(String apiVersion, String kindOrPlural) {
        return resourceType(apiVersion, kindOrPlural).orElseThrow(() -> ApiException.notFound(
                "the server does not serve \"" + kindOrPlural + "\" in \"" + apiVersion + "\""));
    }

    /** @throws ApiException 404 NotFound when the object does not exist */
    JsonObject get(ResourceRef ref);

    /**
     * Lists objects of {@code type} in {@code namespace}, or in every namespace when it is null
     * (or when the type is cluster-scoped). Use {@code limit} and {@code continueToken} to page.
     */
    ObjectList list(ResourceType type, String namespace, ListOptions options);

    default ObjectList list(ResourceType type, String namespace) {
        return list(type, namespace, ListOptions.ALL);
    }

    /**
     * Creates {@code object} in its metadata.namespace (required for namespaced types). The name
     * may be left to metadata.generateName.
     */
    JsonObject create(ResourceType type, JsonObject object, WriteOptions options);

    default JsonObject create(ResourceType type, JsonObject object) {
        return create(type, object, WriteOptions.DEFAULT);
    }

    /**
     * Replaces the object named by {@code object}'s metadata, leaving its status alone. With a
     * metadata.resourceVersion the write succeeds only if the object has not changed since
     * (409 Conflict otherwise): re-read and retry.
     */
    JsonObject update(ResourceType type, JsonObject object, WriteOptions options);

    default JsonObject update(ResourceType type, JsonObject object) {
        return update(type, object, WriteOptions.DEFAULT);
    }

    /** Replaces only the status of the object named by {@code object}'s metadata (the "status" subresource). */
    JsonObject updateStatus(ResourceType type, JsonObject object, WriteOptions options);

    default JsonObject updateStatus(ResourceType type, JsonObject object) {
        return updateStatus(type, object, WriteOptions.DEFAULT);
    }

    /** Patches an object; an {@link PatchType#APPLY_PATCH} needs a fieldManager and creates a missing object. */
    JsonObject patch(ResourceRef ref, PatchType patchType, String patch, WriteOptions options);

    /** Patches only the status of an object (the "status" subresource). */
    JsonObject patchStatus(ResourceRef ref, PatchType patchType, String patch, WriteOptions options);

    /**
     * Deletes an object. When it has finalizers it is only marked (the returned object has a
     * deletionTimestamp) and goes once they are removed.
     */
    JsonObject delete(ResourceRef ref, DeleteOptions options);

    default JsonObject delete(ResourceRef ref) {
        return delete(ref, DeleteOptions.DEFAULT);
    }

    /**
     * Watches objects of {@code type} in {@code namespace} (null: every namespace). Events arrive
     * in order on a thread of the client (in-process the store's, remotely the watch's reader):
     * return quickly. {@link ObjectWatcher#onClosed} is called when the watch ends by itself
     * (timeout, server shutdown, connection lost), never after the caller's own
     * {@link WatchHandle#close}.
     *
     * @throws ApiException 410 Expired when {@code options.resourceVersion()} is too old (the
     *                      remote server may instead send one ERROR event with a 410 Status)
     */
    WatchHandle watch(ResourceType type, String namespace, ListOptions options, ObjectWatcher watcher);
}
