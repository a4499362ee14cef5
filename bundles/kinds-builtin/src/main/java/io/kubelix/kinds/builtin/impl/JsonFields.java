package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tolerant accessors and defaulting helpers for API objects held as Gson trees. Readers return null
 * (or empty) for absent or mistyped fields: type errors are reported by {@link Problems}, defaulting
 * must not crash on them.
 */
final class JsonFields {
    private JsonFields() {
    }

    static boolean present(JsonObject parent, String key) {
        if (parent == null) {
            return false;
        }
        JsonElement e = parent.get(key);
        return e != null && !e.isJsonNull();
    }

    static JsonObject object(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** The child object, created when absent or null. A child of another type is left alone: null. */
    static JsonObject objectForWrite(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || e.isJsonNull()) {
            JsonObject created = new JsonObject();
            parent.add(key, created);
            return created;
        }
        return e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static JsonArray array(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
    }

    /** The elements of an array field that are objects, in order; absent fields give an empty list. */
    static List<JsonObject> objects(JsonObject parent, String key) {
        List<JsonObject> out = new ArrayList<>();
        JsonArray a = array(parent, key);
        if (a != null) {
            for (JsonElement e : a) {
                if (e.isJsonObject()) {
                    out.add(e.getAsJsonObject());
                }
            }
        }
        return out;
    }

    static String string(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    /** A string field, with absent, null and empty all read as "". */
    static String stringOrEmpty(JsonObject parent, String key) {
        String s = string(parent, key);
        return s == null ? "" : s;
    }

    /** An integral number field, or null when absent or not an integral number. */
    static Long integer(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        return asInteger(parent.get(key));
    }

    static Long asInteger(JsonElement e) {
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            try {
                return p.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException notIntegral) {
                return null;
            }
        }
        return null;
    }

    static Boolean bool(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : null;
    }

    static boolean isTrue(JsonObject parent, String key) {
        return Boolean.TRUE.equals(bool(parent, key));
    }

    /** A map of string values (for example labels); non-string values are skipped. */
    static Map<String, String> stringMap(JsonObject parent, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject o = object(parent, key);
        if (o != null) {
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                if (e.getValue() instanceof JsonPrimitive p && p.isString()) {
                    out.put(e.getKey(), p.getAsString());
                }
            }
        }
        return out;
    }

    /** The strings of an array field; absent gives an empty list, non-strings are skipped. */
    static List<String> strings(JsonObject parent, String key) {
        List<String> out = new ArrayList<>();
        JsonArray a = array(parent, key);
        if (a != null) {
            for (JsonElement e : a) {
                if (e instanceof JsonPrimitive p && p.isString()) {
                    out.add(p.getAsString());
                }
            }
        }
        return out;
    }

    /**
     * A quantity or int-or-string as text: YAML {@code cpu: 1} arrives as a JSON number, which
     * Kubernetes accepts like the string "1".
     */
    static String scalarText(JsonElement e) {
        if (e instanceof JsonPrimitive p) {
            return p.isString() || p.isNumber() ? p.getAsString() : null;
        }
        return null;
    }

    // Kubernetes treats an empty string or an absent pointer the same when defaulting.
    private static boolean needsDefault(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e == null || e.isJsonNull() || (e instanceof JsonPrimitive p && p.isString() && p.getAsString().isEmpty());
    }

    static void defaultString(JsonObject parent, String key, String value) {
        if (parent != null && needsDefault(parent, key)) {
            parent.addProperty(key, value);
        }
    }

    static void defaultNumber(JsonObject parent, String key, long value) {
        if (parent != null && needsDefault(parent, key)) {
            parent.addProperty(key, value);
        }
    }

    static void defaultBoolean(JsonObject parent, String key, boolean value) {
        if (parent != null && needsDefault(parent, key)) {
            parent.addProperty(key, value);
        }
    }

    /** Sets an empty object when absent; returns the (possibly existing) object or null if mistyped. */
    static JsonObject defaultObject(JsonObject parent, String key) {
        return parent == null ? null : objectForWrite(parent, key);
    }

    /** The path of the first place two JSON values differ, or null when equal. */
    static String firstDifference(JsonElement a, JsonElement b, String path) {
        if (java.util.Objects.equals(normal(a), normal(b))) {
            return null;
        }
        if (a != null && b != null && a.isJsonObject() && b.isJsonObject()) {
            JsonObject ao = a.getAsJsonObject();
            JsonObject bo = b.getAsJsonObject();
            java.util.Set<String> keys = new java.util.TreeSet<>(ao.keySet());
            keys.addAll(bo.keySet());
            for (String k : keys) {
                String d = firstDifference(ao.get(k), bo.get(k), Problems.child(path, k));
                if (d != null) {
                    return d;
                }
            }
        }
        if (a != null && b != null && a.isJsonArray() && b.isJsonArray() && a.getAsJsonArray().size() == b.getAsJsonArray().size()) {
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                String d = firstDifference(a.getAsJsonArray().get(i), b.getAsJsonArray().get(i), Problems.index(path, i));
                if (d != null) {
                    return d;
                }
            }
        }
        return path;
    }

    // null fields and absent fields are the same thing to the API
    private static JsonElement normal(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e;
    }

    /** The JSON text of an element, for error messages that show a structured value. */
    static Object shown(JsonElement e) {
        return new Shown(e == null ? "null" : io.kubelix.api.json.Json.write(e));
    }

    /** A value printed as-is (not quoted) by {@code FieldError.invalid}. */
    record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
