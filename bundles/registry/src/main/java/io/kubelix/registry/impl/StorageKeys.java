package io.kubelix.registry.impl;

import io.kubelix.api.resource.ResourceType;

/**
 * Where objects live in the key space: {@code /registry/<group>/<plural>/<namespace>/<name>} for
 * namespaced objects and {@code /registry/<group>/<plural>/<name>} for cluster-scoped ones, with
 * "core" standing for the empty core group. The version is not part of the key, so every version
 * of a resource shares one set of objects, as in Kubernetes.
 */
final class StorageKeys {
    private StorageKeys() {
    }

    static String typePrefix(ResourceType type) {
        return "/registry/" + (type.group().isEmpty() ? "core" : type.group()) + "/" + type.plural() + "/";
    }

    /** The prefix to list: one namespace, or all namespaces when {@code namespace} is null. */
    static String listPrefix(ResourceType type, String namespace) {
        if (type.namespaced() && namespace != null && !namespace.isEmpty()) {
            return typePrefix(type) + namespace + "/";
        }
        return typePrefix(type);
    }

    static String objectKey(ResourceType type, String namespace, String name) {
        return type.namespaced() ? typePrefix(type) + namespace + "/" + name : typePrefix(type) + name;
    }
}
