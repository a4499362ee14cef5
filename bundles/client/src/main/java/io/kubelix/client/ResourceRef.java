package io.kubelix.client;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;

/**
 * Addresses one object: its type, namespace and name. The namespace is required for namespaced
 * types and must be null for cluster-scoped ones, so a wrong address fails here rather than as a
 * puzzling 404 from the server.
 *
 * @param type      the object's type, from {@link KubeClient#resourceType}
 * @param namespace the namespace; null for cluster-scoped types
 * @param name      the object's name
 */
public record ResourceRef(ResourceType type, String namespace, String name) {

    public ResourceRef {
        java.util.Objects.requireNonNull(type, "type");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + type.kind() + " reference needs a name");
        }
        if (namespace != null && namespace.isEmpty()) {
            namespace = null;
        }
        if (type.namespaced() && namespace == null) {
            throw new IllegalArgumentException(type.kind() + " \"" + name + "\" needs a namespace: "
                    + type.qualifiedPlural() + " are namespaced");
        }
        if (!type.namespaced() && namespace != null) {
            throw new IllegalArgumentException(type.kind() + " \"" + name + "\" is cluster-scoped: pass a null "
                    + "namespace instead of \"" + namespace + "\"");
        }
    }

    public static ResourceRef of(ResourceType type, String namespace, String name) {
        return new ResourceRef(type, namespace, name);
    }

    /** The address of an object of {@code type}, from its metadata.namespace and metadata.name. */
    public static ResourceRef of(ResourceType type, JsonObject object) {
        String name = Objects.name(object);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the " + type.kind() + " has no metadata.name");
        }
        return new ResourceRef(type, type.namespaced() ? Objects.namespace(object) : null, name);
    }

    /** The cache and work-queue key: {@code namespace/name}, or {@code name} when cluster-scoped. */
    public String key() {
        return ObjectKeys.key(namespace, name);
    }

    @Override
    public String toString() {
        return type.qualifiedPlural() + " " + key();
    }
}
