package io.kubelix.client;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;

/**
 * The keys informer caches and work queues use for objects: {@code namespace/name} for namespaced
 * objects and {@code name} for cluster-scoped ones. Names and namespaces cannot contain a slash,
 * so a key splits back unambiguously.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** The key of an object, from its metadata. */
    public static String key(JsonObject object) {
        String name = Objects.name(object);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the object has no metadata.name, so it has no key");
        }
        return key(Objects.namespace(object), name);
    }

    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The namespace part of a key, or null for a cluster-scoped key. */
    public static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? null : key.substring(0, slash);
    }

    /** The name part of a key. */
    public static String name(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
