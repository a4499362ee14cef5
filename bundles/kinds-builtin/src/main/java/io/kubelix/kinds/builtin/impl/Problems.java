package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.quantity.Quantity;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.validation.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects the validation errors of one object, with the checks many kinds share. Field paths are
 * written the way Kubernetes prints them: {@code spec.containers[0].ports[1].name},
 * {@code data[key]}.
 * <p>
 * The typed readers ({@link #integer}, {@link #string}, ...) report a field of the wrong JSON type
 * and then read it as absent, so each rule only deals with well-typed values.
 */
final class Problems {
    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> list() {
        return List.copyOf(errors);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    // ---- paths

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    static String key(String path, String key) {
        return path + "[" + key + "]";
    }

    // ---- errors

    void add(FieldError e) {
        errors.add(e);
    }

    void addAll(Collection<FieldError> e) {
        errors.addAll(e);
    }

    void required(String path) {
        errors.add(FieldError.required(path));
    }

    void required(String path, String detail) {
        errors.add(new FieldError(FieldError.REQUIRED, path, "Required value: " + detail));
    }

    void invalid(String path, Object value, String detail) {
        errors.add(FieldError.invalid(path, value, detail));
    }

    void notSupported(String path, Object value, Collection<String> supported) {
        errors.add(FieldError.notSupported(path, value, supported));
    }

    void duplicate(String path, Object value) {
        errors.add(FieldError.duplicate(path, value));
    }

    /**
     * The one field of {@code names} that {@code object} sets (a union such as a volume source or a
     * probe handler), or null after reporting none or several, in Kubernetes' words ("may not
     * specify more than 1 volume type", "must specify a volume type").
     */
    String exactlyOne(JsonObject object, List<String> names, String path, String what) {
        String found = null;
        for (String name : names) {
            if (JsonFields.present(object, name)) {
                if (found == null) {
                    found = name;
                } else {
                    forbidden(child(path, name), "may not specify more than 1 " + what);
                }
            }
        }
        if (found == null) {
            required(path, "must specify a " + what);
        }
        return found;
    }

    void forbidden(String path, String detail) {
        errors.add(FieldError.forbidden(path, detail));
    }

    void notFound(String path, Object value) {
        errors.add(new FieldError(FieldError.NOT_FOUND, path, "Not found: " + quote(value)));
    }

    void immutable(String path, Object value) {
        errors.add(FieldError.immutable(path, value));
    }

    void tooLong(String path, int max) {
        errors.add(FieldError.tooLong(path, max));
    }

    private static String quote(Object value) {
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }

    /**
     * Reports a change to a field that may not change. Large values are not repeated in full: the
     * message names the first place they differ instead.
     *
     * @return whether the field is unchanged
     */
    boolean unchanged(String path, JsonElement now, JsonElement before) {
        String diff = JsonFields.firstDifference(before, now, path);
        if (diff == null) {
            return true;
        }
        String text = now == null || now.isJsonNull() ? "null" : io.kubelix.api.json.Json.write(now);
        if (text.length() <= 120) {
            immutable(path, now instanceof JsonPrimitive prim && prim.isString() ? prim.getAsString() : JsonFields.shown(now));
        } else {
            invalid(path, new JsonFields.Shown("{...}"), "field is immutable (first change at " + diff + ")");
        }
        return false;
    }

    // ---- typed readers

    private boolean present(JsonObject o, String key) {
        return JsonFields.present(o, key);
    }

    /** An integral number; a value of another type is reported and read as absent. */
    Long integer(JsonObject o, String key, String path) {
        if (!present(o, key)) {
            return null;
        }
        Long v = JsonFields.integer(o, key);
        if (v == null) {
            invalid(path, JsonFields.shown(o.get(key)), "must be an integer");
        }
        return v;
    }

    /** An integer that must fit Kubernetes' int32 fields. */
    Long int32(JsonObject o, String key, String path) {
        Long v = integer(o, key, path);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            invalid(path, v, "must be a 32-bit integer");
            return null;
        }
        return v;
    }

    String string(JsonObject o, String key, String path) {
        if (!present(o, key)) {
            return null;
        }
        String v = JsonFields.string(o, key);
        if (v == null) {
            invalid(path, JsonFields.shown(o.get(key)), "must be a string");
        }
        return v;
    }

    /** A string with absent, null and wrongly typed all read as "". */
    String stringOrEmpty(JsonObject o, String key, String path) {
        String s = string(o, key, path);
        return s == null ? "" : s;
    }

    Boolean bool(JsonObject o, String key, String path) {
        if (!present(o, key)) {
            return null;
        }
        Boolean v = JsonFields.bool(o, key);
        if (v == null) {
            invalid(path, JsonFields.shown(o.get(key)), "must be a boolean");
        }
        return v;
    }

    JsonObject object(JsonObject o, String key, String path) {
        if (!present(o, key)) {
            return null;
        }
        JsonObject v = JsonFields.object(o, key);
        if (v == null) {
            invalid(path, JsonFields.shown(o.get(key)), "must be an object");
        }
        return v;
    }

    JsonArray array(JsonObject o, String key, String path) {
        if (!present(o, key)) {
            return null;
        }
        JsonArray v = JsonFields.array(o, key);
        if (v == null) {
            invalid(path, JsonFields.shown(o.get(key)), "must be a list");
        }
        return v;
    }

    /**
     * The elements of a list of objects. A non-object element is reported and stands as an empty
     * object, so the index of every element stays the index in the list.
     */
    List<JsonObject> objects(JsonObject o, String key, String path) {
        List<JsonObject> out = new ArrayList<>();
        JsonArray a = array(o, key, path);
        if (a == null) {
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (e.isJsonObject()) {
                out.add(e.getAsJsonObject());
            } else {
                invalid(index(path, i), JsonFields.shown(e), "must be an object");
                out.add(new JsonObject());
            }
        }
        return out;
    }

    /** A list of strings; non-strings are reported and read as "". */
    List<String> strings(JsonObject o, String key, String path) {
        List<String> out = new ArrayList<>();
        JsonArray a = array(o, key, path);
        if (a == null) {
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (e instanceof JsonPrimitive p && p.isString()) {
                out.add(p.getAsString());
            } else {
                invalid(index(path, i), JsonFields.shown(e), "must be a string");
                out.add("");
            }
        }
        return out;
    }

    /** A map of strings (labels, data); non-string values are reported and left out. */
    Map<String, String> stringMap(JsonObject o, String key, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject m = object(o, key, path);
        if (m == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : m.entrySet()) {
            if (e.getValue() instanceof JsonPrimitive p && p.isString()) {
                out.put(e.getKey(), p.getAsString());
            } else if (!e.getValue().isJsonNull()) {
                invalid(key(path, e.getKey()), JsonFields.shown(e.getValue()), "must be a string");
            }
        }
        return out;
    }

    // ---- shared rules

    void nonNegative(String path, Long value) {
        if (value != null && value < 0) {
            invalid(path, value, "must be greater than or equal to 0");
        }
    }

    void positive(String path, Long value) {
        if (value != null && value <= 0) {
            invalid(path, value, "must be greater than 0");
        }
    }

    /** Reports a value outside {@code supported}; an empty value is "Required". */
    void oneOf(String path, String value, List<String> supported) {
        if (value == null || value.isEmpty()) {
            required(path);
        } else if (!supported.contains(value)) {
            notSupported(path, value, supported);
        }
    }

    /** Like {@link #oneOf} for optional fields: absent or empty is fine. */
    void optionalOneOf(String path, String value, List<String> supported) {
        if (value != null && !value.isEmpty() && !supported.contains(value)) {
            notSupported(path, value, supported);
        }
    }

    private void each(String path, String value, List<String> messages) {
        for (String m : messages) {
            invalid(path, value, m);
        }
    }

    void dns1123Label(String path, String value) {
        each(path, value, Names.isDns1123Label(value));
    }

    void dns1123Subdomain(String path, String value) {
        each(path, value, Names.isDns1123Subdomain(value));
    }

    void dns1035Label(String path, String value) {
        each(path, value, Names.isDns1035Label(value));
    }

    void qualifiedName(String path, String value) {
        each(path, value, Names.isQualifiedName(value));
    }

    void portName(String path, String value) {
        each(path, value, Names.isValidPortName(value));
    }

    void envVarName(String path, String value) {
        each(path, value, Names.isEnvVarName(value));
    }

    void configKey(String path, String value) {
        each(path, value, Names.isConfigMapKey(value));
    }

    /** A port number, 1-65535; report under {@code path}. */
    void portNumber(String path, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            invalid(path, value, "must be between 1 and 65535, inclusive");
            return;
        }
        for (String m : Names.isValidPortNum((int) value)) {
            invalid(path, value, m);
        }
    }

    /** Label keys must be qualified names, values valid label values: Kubernetes reports both at the map's path. */
    void labels(String path, Map<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            qualifiedName(path, e.getKey());
            each(path, e.getValue(), Names.isValidLabelValue(e.getValue()));
        }
    }

    void labelValue(String path, String value) {
        each(path, value, Names.isValidLabelValue(value));
    }

    /** A quantity that must parse and must not be negative; null when invalid. */
    Quantity quantity(String path, JsonElement element) {
        String text = JsonFields.scalarText(element);
        if (text == null) {
            invalid(path, JsonFields.shown(element), "must be a quantity such as \"500m\", \"2\" or \"1Gi\"");
            return null;
        }
        Optional<String> why = Quantity.validate(text);
        if (why.isPresent()) {
            invalid(path, text, why.get());
            return null;
        }
        Quantity q = Quantity.parse(text);
        if (q.isNegative()) {
            invalid(path, text, "must be greater than or equal to 0");
            return null;
        }
        return q;
    }

    /**
     * A map of resource name to quantity ({@code requests}, {@code hard}, {@code capacity}); each
     * name must be a qualified name. Returns the valid entries, keyed by resource name.
     */
    Map<String, Quantity> resourceList(JsonObject parent, String key, String path) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        JsonObject list = object(parent, key, path);
        if (list == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : list.entrySet()) {
            String entryPath = key(path, e.getKey());
            int before = size();
            qualifiedName(entryPath, e.getKey());
            Quantity q = quantity(entryPath, e.getValue());
            if (q != null && size() == before) {
                out.put(e.getKey(), q);
            }
        }
        return out;
    }

    /** The text of a quantity as the user wrote it, for messages. */
    static String text(JsonObject list, String name) {
        return list == null ? "" : String.valueOf(JsonFields.scalarText(list.get(name)));
    }

    /** An int-or-string that must be a non-negative integer or a percentage such as "25%". */
    IntOrPercent intOrPercent(String path, JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p && p.isNumber()) {
            Long v = JsonFields.asInteger(p);
            if (v == null) {
                invalid(path, JsonFields.shown(p), "must be an integer or a percentage");
                return null;
            }
            if (v < 0) {
                invalid(path, v, "must be greater than or equal to 0");
                return null;
            }
            return new IntOrPercent(v, false);
        }
        if (element instanceof JsonPrimitive p && p.isString()) {
            String s = p.getAsString();
            if (!PERCENT.matcher(s).matches()) {
                invalid(path, s, "a valid percent string must be a numeric string followed by an ending '%' "
                        + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
                return null;
            }
            try {
                return new IntOrPercent(Long.parseLong(s.substring(0, s.length() - 1)), true);
            } catch (NumberFormatException tooBig) {
                invalid(path, s, "must not be greater than 100%");
                return null;
            }
        }
        invalid(path, JsonFields.shown(element), "must be an integer or a percentage");
        return null;
    }

    /** An integer or a percentage ("25%" is {@code value 25, percent true}). */
    record IntOrPercent(long value, boolean percent) {
        boolean isZero() {
            return value == 0;
        }
    }

    /** A container or service target port: a port number or an IANA service name. */
    void portNumberOrName(String path, JsonElement element) {
        if (element instanceof JsonPrimitive p && p.isNumber()) {
            Long v = JsonFields.asInteger(p);
            if (v == null) {
                invalid(path, JsonFields.shown(p), "must be a port number or a port name");
            } else {
                portNumber(path, v);
            }
        } else if (element instanceof JsonPrimitive p && p.isString()) {
            String s = p.getAsString();
            if (s.isEmpty()) {
                required(path);
            } else {
                portName(path, s);
            }
        } else {
            invalid(path, JsonFields.shown(element), "must be a port number or a port name");
        }
    }

    void ipAddress(String path, String value) {
        if (!Net.isIp(value)) {
            invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
    }

    /** Selector-style label maps, template labels and the like: the rules of metadata.labels. */
    void labelsAt(JsonObject parent, String key, String path) {
        labels(path, stringMap(parent, key, path));
    }
}
