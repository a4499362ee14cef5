package io.kubelix.client.internal;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.client.ResourceRef;

/** Where a create or update goes, read from the object itself; shared by both clients. */
final class Addressing {
    private Addressing() {
    }

    /** The namespace to create {@code object} in: its metadata.namespace, or null for cluster-scoped types. */
    static String createNamespace(ResourceType type, JsonObject object) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(object, "object");
        if (!type.namespaced()) {
            return null;
        }
        String namespace = Objects.namespace(object);
        if (namespace == null || namespace.isEmpty()) {
            String name = Objects.name(object);
            throw new IllegalArgumentException("the " + type.kind() + (name == null ? "" : " \"" + name + "\"")
                    + " has no metadata.namespace: set it, " + type.qualifiedPlural() + " are namespaced");
        }
        return namespace;
    }

    /** The object an update of {@code object} replaces. */
    static ResourceRef target(ResourceType type, JsonObject object) {
        java.util.Objects.requireNonNull(object, "object");
        ResourceRef ref = ResourceRef.of(type, object);
        return ref;
    }

    /** Splits "apps/v1" into group and version; "v1" is the core group. */
    static String[] groupVersion(String apiVersion) {
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("apiVersion is empty: use \"v1\" for the core group or \"group/version\"");
        }
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return new String[] {"", apiVersion};
        }
        if (slash == 0 || slash == apiVersion.length() - 1 || apiVersion.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" is not \"version\" or \"group/version\"");
        }
        return new String[] {apiVersion.substring(0, slash), apiVersion.substring(slash + 1)};
    }

    /** Whether {@code type} is the one {@code kindOrPlural} names: kind, plural or singular name. */
    static boolean names(ResourceType type, String kindOrPlural) {
        return type.kind().equals(kindOrPlural) || type.plural().equals(kindOrPlural)
                || type.singular().equals(kindOrPlural);
    }
}
