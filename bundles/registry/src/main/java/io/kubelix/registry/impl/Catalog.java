package io.kubelix.registry.impl;

import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types served now, indexed for the lookups the API needs. Immutable: the registry
 * builds a new catalog whenever a definition provider comes or goes, and swaps it in whole.
 */
final class Catalog {
    static final Catalog EMPTY = new Catalog(List.of());

    private final List<ResourceDefinition> definitions;
    private final Map<String, ResourceDefinition> byResource = new HashMap<>();
    private final Map<String, ResourceDefinition> byKind = new HashMap<>();

    Catalog(Collection<ResourceDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        for (ResourceDefinition d : this.definitions) {
            ResourceType t = d.type();
            // The first provider to claim a name wins; a later duplicate is ignored, not an error,
            // so that a faulty add-on bundle cannot take over a built-in kind.
            byResource.putIfAbsent(resourceKey(t.group(), t.version(), t.plural()), d);
            byKind.putIfAbsent(kindKey(t.apiVersion(), t.kind()), d);
        }
    }

    static Catalog of(Collection<List<ResourceDefinition>> providerLists) {
        List<ResourceDefinition> all = new ArrayList<>();
        providerLists.forEach(all::addAll);
        return new Catalog(all);
    }

    List<ResourceType> types() {
        return definitions.stream().map(ResourceDefinition::type).toList();
    }

    Optional<ResourceDefinition> byResource(String group, String version, String plural) {
        return Optional.ofNullable(byResource.get(resourceKey(group, version, plural)));
    }

    Optional<ResourceDefinition> byKind(String apiVersion, String kind) {
        return Optional.ofNullable(byKind.get(kindKey(apiVersion, kind)));
    }

    /** The definition of a type, matched by group, version and plural (records from callers may be copies). */
    Optional<ResourceDefinition> definitionOf(ResourceType type) {
        return byResource(type.group(), type.version(), type.plural());
    }

    private static String resourceKey(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }

    private static String kindKey(String apiVersion, String kind) {
        return apiVersion + "#" + kind;
    }
}
