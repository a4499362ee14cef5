package io.kubelix.registry.impl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.WriteOptions;
import java.util.List;

/** The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of spec.replicas. */
final class ScaleSubresource {
    private ScaleSubresource() {
    }

    static JsonObject toScale(JsonObject object, ResourceDefinition def) {
        JsonObject scale = new JsonObject();
        scale.addProperty("kind", "Scale");
        scale.addProperty("apiVersion", "autoscaling/v1");
        JsonObject metadata = new JsonObject();
        JsonObject source = Objects.metadata(object);
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (source != null && source.has(field)) {
                metadata.add(field, source.get(field).deepCopy());
            }
        }
        scale.add("metadata", metadata);
        JsonObject spec = new JsonObject();
        JsonElement replicas = Objects.path(object, "spec.replicas");
        spec.addProperty("replicas", replicas != null && replicas.isJsonPrimitive() ? replicas.getAsInt() : 0);
        scale.add("spec", spec);
        JsonObject status = new JsonObject();
        JsonElement current = Objects.path(object, "status.replicas");
        status.addProperty("replicas", current != null && current.isJsonPrimitive() ? current.getAsInt() : 0);
        String selector = def.strategy().scaleSelector(object);
        if (selector != null) {
            status.addProperty("selector", selector);
        }
        scale.add("status", status);
        return scale;
    }

    static JsonObject update(ResourceRegistry registry, ResourceDefinition def, String namespace, String name,
            JsonObject scale, WriteOptions options) {
        JsonElement replicas = Objects.path(scale, "spec.replicas");
        if (replicas == null || !replicas.isJsonPrimitive() || !replicas.getAsJsonPrimitive().isNumber()) {
            throw ApiException.invalid(def.type(), name, List.of(FieldError.required("spec.replicas")));
        }
        long value = replicas.getAsLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw ApiException.invalid(def.type(), name, List.of(FieldError.invalid("spec.replicas", value,
                    "must be greater than or equal to 0")));
        }
        String requiredVersion = Objects.resourceVersion(scale);
        JsonObject written = registry.writeWithRetry(def, namespace, name, requiredVersion, options, current -> {
            JsonObject spec = Objects.pathObject(current, "spec");
            if (spec == null) {
                spec = new JsonObject();
                current.add("spec", spec);
            }
            spec.addProperty("replicas", (int) value);
            return current;
        }, null);
        return toScale(written, def);
    }
}
