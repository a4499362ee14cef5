package io.kubelix.console.impl.render;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.yaml.Yaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kube:describe} prints: the identity of the object as aligned "Key: value" lines,
 * labels and annotations one per line, then every other part of the object as indented YAML.
 */
public final class Description {
    private static final int KEY_WIDTH = 20;
    /** Shown in the header lines, or noise (managedFields) nobody reads in a description. */
    private static final Set<String> METADATA_SHOWN = Set.of("name", "namespace", "labels", "annotations",
            "creationTimestamp", "uid", "resourceVersion", "generation", "managedFields");

    private Description() {
    }

    public static String of(JsonObject object, Instant now) {
        StringBuilder out = new StringBuilder();
        JsonObject metadata = Objects.metadata(object);
        line(out, "Name", Objects.name(object));
        String namespace = Objects.namespace(object);
        if (namespace != null) {
            line(out, "Namespace", namespace);
        }
        pairs(out, "Labels", Objects.labels(object));
        pairs(out, "Annotations", Objects.annotations(object));
        line(out, "API Version", Objects.apiVersion(object));
        line(out, "Kind", Objects.kind(object));
        String created = Objects.string(metadata, "creationTimestamp");
        if (created != null) {
            line(out, "Creation Timestamp", created + " (" + Age.since(created, now) + " ago)");
        }
        line(out, "UID", Objects.uid(object));
        line(out, "Resource Version", Objects.resourceVersion(object));
        JsonObject restOfMetadata = new JsonObject();
        if (metadata != null) {
            for (Map.Entry<String, JsonElement> e : metadata.entrySet()) {
                if (!METADATA_SHOWN.contains(e.getKey())) {
                    restOfMetadata.add(e.getKey(), e.getValue());
                }
            }
        }
        if (restOfMetadata.size() > 0) {
            section(out, "Metadata", restOfMetadata);
        }
        List<String> rest = new ArrayList<>();
        for (String key : object.keySet()) {
            if (!key.equals("apiVersion") && !key.equals("kind") && !key.equals("metadata")) {
                rest.add(key);
            }
        }
        for (String key : rest) {
            section(out, capitalize(key), object.get(key));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        String label = key + ":";
        out.append(label).append(" ".repeat(Math.max(1, KEY_WIDTH - label.length())))
                .append(value == null || value.isEmpty() ? "<none>" : value).append('\n');
    }

    private static void pairs(StringBuilder out, String key, Map<String, String> values) {
        if (values.isEmpty()) {
            line(out, key, "<none>");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String text = e.getKey() + "=" + e.getValue();
            if (first) {
                line(out, key, text);
                first = false;
            } else {
                out.append(" ".repeat(KEY_WIDTH)).append(text).append('\n');
            }
        }
    }

    private static void section(StringBuilder out, String title, JsonElement value) {
        if (value.isJsonPrimitive() || value.isJsonNull()) {
            line(out, title, value.isJsonNull() ? null : value.getAsString());
            return;
        }
        out.append(title).append(":\n");
        for (String yamlLine : Yaml.write(value).split("\n")) {
            out.append("  ").append(yamlLine).append('\n');
        }
    }

    private static String capitalize(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
