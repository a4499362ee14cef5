package io.kubelix.api.resource;

import java.util.Objects;

/** A served resource type with the rules of its kind. */
public record ResourceDefinition(ResourceType type, ResourceStrategy strategy) {
    public ResourceDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(strategy, "strategy");
    }
}
