package io.kubelix.registry.impl.fields;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import java.util.List;
import java.util.Map;

/** Reads and removes the value a FieldSet path names inside an object. */
public final class FieldValues {
    private FieldValues() {
    }

    /** The value at {@code path}, or null when the object does not have it. */
    public static JsonElement valueAt(JsonElement root, List<String> path) {
        JsonElement node = root;
        for (String element : path) {
            node = step(node, element);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Removes what {@code path} names (a field, a keyed list element, a set value); absent paths are ignored. */
    public static void remove(JsonElement root, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        JsonElement parent = valueAt(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent == null) {
            return;
        }
        if (last.startsWith("f:") && parent.isJsonObject()) {
            parent.getAsJsonObject().remove(last.substring(2));
        } else if (parent.isJsonArray()) {
            JsonArray list = parent.getAsJsonArray();
            JsonElement wanted;
            try {
                wanted = Json.parse(last.substring(2));
            } catch (IllegalArgumentException e) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                if (matches(list.get(i), last, wanted)) {
                    list.remove(i);
                    return;
                }
            }
        }
    }

    /**
     * Whether {@code path} means something different in {@code after} than in {@code before}: a
     * different value, or for a list element, one that was not there before.
     */
    public static boolean differs(JsonElement before, JsonElement after, List<String> path) {
        JsonElement old = valueAt(before, path);
        if (!path.isEmpty() && (path.get(path.size() - 1).startsWith("k:") || path.get(path.size() - 1).startsWith("v:"))) {
            return (old == null) != (valueAt(after, path) == null);
        }
        return !java.util.Objects.equals(old, valueAt(after, path));
    }

    private static JsonElement step(JsonElement node, String element) {
        if (element.startsWith("f:")) {
            return node.isJsonObject() ? node.getAsJsonObject().get(element.substring(2)) : null;
        }
        if (!node.isJsonArray()) {
            return null;
        }
        // The key or value is parsed once per step, not once per list element.
        JsonElement wanted;
        try {
            wanted = Json.parse(element.substring(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (JsonElement candidate : node.getAsJsonArray()) {
            if (matches(candidate, element, wanted)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean matches(JsonElement candidate, String element, JsonElement wanted) {
        if (element.startsWith("v:")) {
            return candidate.equals(wanted);
        }
        if (element.startsWith("k:") && candidate.isJsonObject() && wanted.isJsonObject()) {
            JsonObject object = candidate.getAsJsonObject();
            for (Map.Entry<String, JsonElement> key : wanted.getAsJsonObject().entrySet()) {
                if (!key.getValue().equals(object.get(key.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
