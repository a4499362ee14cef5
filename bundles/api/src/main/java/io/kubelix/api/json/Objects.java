package io.kubelix.api.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accessors for the parts every API object has. Absent or mistyped fields read as null or empty
 * rather than throwing: validation reports them, readers should not crash on them.
 */
public final class Objects {
    private Objects() {
    }

    public static JsonObject metadata(JsonObject object) {
        JsonElement m = object.get("metadata");
        return m != null && m.isJsonObject() ? m.getAsJsonObject() : null;
    }

    /** The metadata object, created when absent (or replaced when it is not an object). */
    public static JsonObject metadataForWrite(JsonObject object) {
        JsonObject m = metadata(object);
        if (m == null) {
            m = new JsonObject();
            object.add("metadata", m);
        }
        return m;
    }

    public static String name(JsonObject object) {
        return string(metadata(object), "name");
    }

    public static String namespace(JsonObject object) {
        return string(metadata(object), "namespace");
    }

    public static String uid(JsonObject object) {
        return string(metadata(object), "uid");
    }

    public static String resourceVersion(JsonObject object) {
        return string(metadata(object), "resourceVersion");
    }

    public static String apiVersion(JsonObject object) {
        return string(object, "apiVersion");
    }

    public static String kind(JsonObject object) {
        return string(object, "kind");
    }

    /** The labels as a map (empty when none). */
    public static Map<String, String> labels(JsonObject object) {
        return stringMap(metadata(object), "labels");
    }

    public static Map<String, String> annotations(JsonObject object) {
        return stringMap(metadata(object), "annotations");
    }

    /** A string field of {@code parent}, or null when the parent or field is absent or not a string. */
    public static String string(JsonObject parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(field);
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    /** Follows a dotted path of object fields, for example {@code spec.template.metadata}. */
    public static JsonElement path(JsonObject root, String dottedPath) {
        JsonElement current = root;
        for (String part : dottedPath.split("\\.")) {
            if (current == null || !current.isJsonObject()) {
                return null;
            }
            current = current.getAsJsonObject().get(part);
        }
        return current;
    }

    public static String pathString(JsonObject root, String dottedPath) {
        JsonElement e = path(root, dottedPath);
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    public static JsonObject pathObject(JsonObject root, String dottedPath) {
        JsonElement e = path(root, dottedPath);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static Map<String, String> stringMap(JsonObject parent, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (parent == null) {
            return out;
        }
        JsonElement e = parent.get(field);
        if (e != null && e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                if (entry.getValue() instanceof JsonPrimitive p && p.isString()) {
                    out.put(entry.getKey(), p.getAsString());
                }
            }
        }
        return out;
    }
}
