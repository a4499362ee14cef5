package io.kubelix.itests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/** Small object builders and accessors for test data, so each test says only what matters to it. */
public final class Manifests {
    private Manifests() {
    }

    public static JsonObject namespace(String name) {
        JsonObject o = typed("v1", "Namespace");
        o.add("metadata", metadata(name, null, Map.of()));
        return o;
    }

    public static JsonObject configMap(String name, String namespace, Map<String, String> labels,
            Map<String, String> data) {
        JsonObject o = typed("v1", "ConfigMap");
        o.add("metadata", metadata(name, namespace, labels));
        o.add("data", strings(data));
        return o;
    }

    public static JsonObject secret(String name, String namespace, String type, Map<String, String> base64Data) {
        JsonObject o = typed("v1", "Secret");
        o.add("metadata", metadata(name, namespace, Map.of()));
        o.addProperty("type", type);
        o.add("data", strings(base64Data));
        return o;
    }

    public static JsonObject typed(String apiVersion, String kind) {
        JsonObject o = new JsonObject();
        o.addProperty("apiVersion", apiVersion);
        o.addProperty("kind", kind);
        return o;
    }

    public static JsonObject metadata(String name, String namespace, Map<String, String> labels) {
        JsonObject m = new JsonObject();
        m.addProperty("name", name);
        if (namespace != null) {
            m.addProperty("namespace", namespace);
        }
        if (!labels.isEmpty()) {
            m.add("labels", strings(labels));
        }
        return m;
    }

    public static JsonObject strings(Map<String, String> values) {
        JsonObject o = new JsonObject();
        new java.util.TreeMap<>(values).forEach(o::addProperty);
        return o;
    }

    /** A string at a dotted path ("metadata.name"), or null. */
    public static String string(JsonObject object, String path) {
        JsonElement e = at(object, path);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    public static JsonElement at(JsonObject object, String path) {
        JsonElement current = object;
        for (String part : path.split("\\.")) {
            if (current == null || !current.isJsonObject()) {
                return null;
            }
            current = current.getAsJsonObject().get(part);
        }
        return current;
    }

    public static String name(JsonObject object) {
        return string(object, "metadata.name");
    }

    public static String resourceVersion(JsonObject object) {
        return string(object, "metadata.resourceVersion");
    }

    public static String uid(JsonObject object) {
        return string(object, "metadata.uid");
    }

    public static JsonArray items(JsonObject list) {
        JsonElement items = list.get("items");
        if (items == null || !items.isJsonArray()) {
            throw new AssertionError("not a list (no items array): " + list);
        }
        return items.getAsJsonArray();
    }

    public static long rv(String resourceVersion) {
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw new AssertionError("resourceVersion is not a number: " + resourceVersion, e);
        }
    }
}
