package io.kubelix.registry.impl.patch;

import java.util.List;
import java.util.Map;

/**
 * How strategic merge patch treats each list of the built-in types: merged by a key field, merged
 * as a set of scalars, or replaced whole (the default). Kubernetes declares this with struct tags
 * ({@code patchStrategy}, {@code patchMergeKey}); here it is a table keyed by field name, with the
 * enclosing field deciding where one name means two things (container ports vs service ports).
 */
public final class PatchMeta {
    /** A list merged element by element, matched on {@code key}; {@code key} null means a set of scalars. */
    public record ListMerge(String key) {
    }

    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"),
            Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"),
            Map.entry("volumes", "name"),
            Map.entry("imagePullSecrets", "name"),
            Map.entry("env", "name"),
            Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"),
            Map.entry("hostAliases", "ip"),
            Map.entry("ownerReferences", "uid"),
            Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("conditions", "type"),
            Map.entry("podIPs", "ip"),
            Map.entry("hostIPs", "ip"),
            Map.entry("resourceClaims", "name"),
            Map.entry("schedulingGates", "name"),
            Map.entry("secrets", "name"));

    /** Fields whose object value is patched with retainKeys semantics (a union type). */
    private static final List<String> RETAIN_KEYS = List.of("volumes", "strategy", "updateStrategy");

    private PatchMeta() {
    }

    /**
     * The list strategy of field {@code name} found inside field {@code parent} (the nearest
     * enclosing object field name, or null at the top), or null to replace the list whole.
     */
    public static ListMerge listMerge(String parent, String name) {
        switch (name) {
            case "finalizers":
                return new ListMerge(null);
            case "ports":
                // Container ports merge on containerPort; Service ports on port.
                return "containers".equals(parent) || "initContainers".equals(parent)
                        || "ephemeralContainers".equals(parent) ? new ListMerge("containerPort") : new ListMerge("port");
            case "addresses":
                // Node addresses merge by type; Endpoints subset addresses are atomic.
                return "status".equals(parent) ? new ListMerge("type") : null;
            default:
                String key = MERGE_KEYS.get(name);
                return key == null ? null : new ListMerge(key);
        }
    }

    static boolean retainKeys(String name) {
        return RETAIN_KEYS.contains(name);
    }
}
