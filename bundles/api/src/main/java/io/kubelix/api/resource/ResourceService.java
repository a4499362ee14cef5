package io.kubelix.api.resource;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes API objects with Kubernetes semantics. The API server's REST layer and the
 * in-process client both go through this service, so defaulting, validation, admission and watch
 * behave the same on both paths.
 * <p>
 * Every method throws {@link ApiException} for a request that cannot be served, with the status
 * code and reason Kubernetes would use. Objects passed in are not kept or changed; objects returned
 * belong to the caller.
 * <p>
 * {@code namespace} is ignored for cluster-scoped types and may be null when listing or watching
 * across all namespaces. {@code subresource} is null for the object itself, or "status" / "scale".
 */
@ProviderType
public interface ResourceService {

    /** Every type served now. */
    List<ResourceType> resourceTypes();

    /** The type served under this group, version and plural name. */
    Optional<ResourceType> findType(String group, String version, String plural);

    /** The type of this apiVersion ("v1", "apps/v1") and kind. */
    Optional<ResourceType> findTypeByKind(String apiVersion, String kind);

    JsonObject get(ResourceType type, String namespace, String name, String subresource);

    ObjectList list(ResourceType type, String namespace, ListOptions options);

    /**
     * The same list as {@link #list}, each item encoded as JSON: the fast path for serving large
     * lists. Implementations that keep objects encoded override this to skip decoding.
     */
    default EncodedList listEncoded(ResourceType type, String namespace, ListOptions options) {
        ObjectList list = list(type, namespace, options);
        return new EncodedList(list.items().stream().map(io.kubelix.api.json.Json::writeBytes).toList(),
                list.resourceVersion(), list.continueToken(), list.remainingItemCount());
    }

    /** Creates {@code object}; its metadata.namespace, when set, must equal {@code namespace}. */
    JsonObject create(ResourceType type, String namespace, JsonObject object, WriteOptions options);

    /** Replaces an object (PUT). A resourceVersion in the body must match the stored one. */
    JsonObject update(ResourceType type, String namespace, String name, String subresource, JsonObject object,
            WriteOptions options);

    /** Applies a patch; for {@link PatchType#APPLY_PATCH} creates the object when it is missing. */
    JsonObject patch(ResourceType type, String namespace, String name, String subresource, PatchType patchType,
            String patch, WriteOptions options);

    /**
     * Deletes an object, or marks it for deletion when it has finalizers (then the returned object
     * carries a deletionTimestamp and stays until they are removed).
     */
    JsonObject delete(ResourceType type, String namespace, String name, DeleteOptions options);

    /** Deletes every object a list selects; returns the list of what was deleted. */
    ObjectList deleteCollection(ResourceType type, String namespace, ListOptions listOptions,
            DeleteOptions deleteOptions);

    /**
     * Starts a watch. Events arrive in order on the store's thread. A resourceVersion that has been
     * compacted fails at once with 410 Expired.
     */
    WatchHandle watch(ResourceType type, String namespace, ListOptions options, ObjectWatcher watcher);
}
