package io.kubelix.console.impl;

import io.kubelix.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the served type a user means, as kubectl does: by plural, singular or short name, or by
 * Kind, each optionally followed by ".group" (or ".version.group"), case-insensitive.
 */
public final class KindResolver {
    private KindResolver() {
    }

    /**
     * @throws IllegalArgumentException when no served type has that name, or (without a group)
     *                                  several groups serve it and none is the core group
     */
    public static ResourceType resolve(List<ResourceType> served, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("you must specify the type of resource, for example pods or deployments");
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<ResourceType> matches = matches(served, wanted, null, null);
        // "deployments.apps", "deployments.v1.apps": the part after the first dot names the group (and version).
        int dot = wanted.indexOf('.');
        if (matches.isEmpty() && dot > 0) {
            String resource = wanted.substring(0, dot);
            String rest = wanted.substring(dot + 1);
            matches = matches(served, resource, null, rest);
            if (matches.isEmpty()) {
                int versionEnd = rest.indexOf('.');
                if (versionEnd > 0 && versionEnd < rest.length() - 1) {
                    matches = matches(served, resource, rest.substring(0, versionEnd), rest.substring(versionEnd + 1));
                }
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("the server doesn't have a resource type \"" + name.trim() + "\"");
        }
        if (matches.size() > 1) {
            // The core group wins, then the most preferred (first served) version of the first group.
            for (ResourceType t : matches) {
                if (t.group().isEmpty()) {
                    return t;
                }
            }
        }
        return matches.get(0);
    }

    private static List<ResourceType> matches(List<ResourceType> served, String resource, String version, String group) {
        List<ResourceType> found = new ArrayList<>();
        for (String field : List.of("plural", "singular", "short", "kind")) {
            for (ResourceType t : served) {
                if (group != null && !t.group().equalsIgnoreCase(group)) {
                    continue;
                }
                if (version != null && !t.version().equalsIgnoreCase(version)) {
                    continue;
                }
                if (names(t, field).contains(resource) && !found.contains(t)) {
                    found.add(t);
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return found;
    }

    private static List<String> names(ResourceType t, String field) {
        return switch (field) {
            case "plural" -> List.of(t.plural().toLowerCase(Locale.ROOT));
            case "singular" -> List.of(t.singular().toLowerCase(Locale.ROOT));
            case "short" -> t.shortNames().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            default -> List.of(t.kind().toLowerCase(Locale.ROOT));
        };
    }

    /** Subresources ("pods/status") are not types a user lists. */
    public static List<ResourceType> topLevel(List<ResourceType> served) {
        return served.stream().filter(t -> !t.plural().contains("/")).toList();
    }
}
