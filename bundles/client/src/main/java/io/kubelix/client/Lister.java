package io.kubelix.client;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a {@link SharedInformer}'s cache: no request to the server. The cache lags the server by
 * the watch's delay, so writes based on it must carry the resourceVersion read here and retry on
 * 409 Conflict. Every object returned is a fresh copy: changing it does not change the cache.
 */
@ProviderType
public interface Lister {

    /**
     * One object.
     *
     * @param namespace the object's namespace; null for cluster-scoped types (and ignored for them)
     * @throws IllegalArgumentException when the type is namespaced and no namespace is given
     */
    Optional<JsonObject> get(String namespace, String name);

    /** One object by its {@link ObjectKeys key}: {@code namespace/name} or {@code name}. */
    Optional<JsonObject> getByKey(String key);

    /**
     * The objects in {@code namespace} (null: every namespace) whose labels match
     * {@code labelSelector} (null or empty: all), in no particular order.
     *
     * @throws IllegalArgumentException when the selector does not parse
     */
    List<JsonObject> list(String namespace, String labelSelector);

    /** Every object in the cache, in no particular order. */
    List<JsonObject> list();
}
