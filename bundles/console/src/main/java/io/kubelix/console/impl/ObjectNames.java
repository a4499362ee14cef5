package io.kubelix.console.impl;

import io.kubelix.api.resource.ResourceType;
import java.util.Locale;

/** How kubectl names objects in its messages: {@code pod/web}, {@code deployment.apps "web"}. */
final class ObjectNames {
    private ObjectNames() {
    }

    /** "pod", "deployment.apps". */
    static String kind(ResourceType type) {
        String kind = type.kind().toLowerCase(Locale.ROOT);
        return type.group().isEmpty() ? kind : kind + "." + type.group();
    }

    /** "pod/web", as {@code -o name} and apply print it. */
    static String slashed(ResourceType type, String name) {
        return kind(type) + "/" + name;
    }

    /** {@code pod "web"}, as delete prints it. */
    static String quoted(ResourceType type, String name) {
        return kind(type) + " \"" + name + "\"";
    }
}
