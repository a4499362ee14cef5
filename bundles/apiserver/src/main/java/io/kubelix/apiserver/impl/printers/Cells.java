package io.kubelix.apiserver.impl.printers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.json.Objects;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reading cells out of stored objects. Every accessor tolerates absent and mistyped fields (it
 * reads them as absent), because a table must print whatever a client managed to store.
 */
final class Cells {
    static final String NONE = "<none>";
    static final String UNKNOWN = "<unknown>";
    static final String UNSET = "<unset>";

    private Cells() {
    }

    static String name(JsonObject o) {
        String name = Objects.name(o);
        return name == null ? "" : name;
    }

    /** A string at a dotted path, or null when absent or not a string. */
    static String str(JsonObject o, String path) {
        return Objects.pathString(o, path);
    }

    static String strOr(JsonObject o, String path, String fallback) {
        String s = str(o, path);
        return s == null || s.isEmpty() ? fallback : s;
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    /** A string or number at a path as text (int-or-string fields, quantities), or null. */
    static String scalar(JsonElement e) {
        return e instanceof JsonPrimitive p && (p.isString() || p.isNumber()) ? p.getAsString() : null;
    }

    static String scalar(JsonObject o, String path) {
        return scalar(Objects.path(o, path));
    }

    /** A whole number at a path; absent, fractional, out of range or not a number gives {@code fallback}. */
    static long integer(JsonObject o, String path, long fallback) {
        Long n = integerOrNull(Objects.path(o, path));
        return n == null ? fallback : n;
    }

    static Long integerOrNull(JsonElement e) {
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            try {
                return p.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException notWhole) {
                return null;
            }
        }
        return null;
    }

    static Boolean bool(JsonObject o, String path) {
        JsonElement e = Objects.path(o, path);
        return e instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : null;
    }

    static boolean isTrue(JsonObject o, String path) {
        return Boolean.TRUE.equals(bool(o, path));
    }

    static JsonObject object(JsonObject o, String path) {
        return Objects.pathObject(o, path);
    }

    /** The object elements of an array at a path (other elements are skipped); empty when absent. */
    static List<JsonObject> objects(JsonObject o, String path) {
        JsonElement e = o == null ? null : Objects.path(o, path);
        List<JsonObject> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement item : e.getAsJsonArray()) {
                if (item.isJsonObject()) {
                    out.add(item.getAsJsonObject());
                }
            }
        }
        return out;
    }

    /** The string elements of an array at a path; empty when absent. */
    static List<String> strings(JsonObject o, String path) {
        JsonElement e = o == null ? null : Objects.path(o, path);
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement item : e.getAsJsonArray()) {
                if (item instanceof JsonPrimitive p && p.isString()) {
                    out.add(p.getAsString());
                }
            }
        }
        return out;
    }

    static int size(JsonObject o, String path) {
        JsonElement e = Objects.path(o, path);
        if (e == null) {
            return 0;
        }
        return e.isJsonObject() ? e.getAsJsonObject().size() : e.isJsonArray() ? e.getAsJsonArray().size() : 0;
    }

    static boolean present(JsonObject o, String path) {
        JsonElement e = Objects.path(o, path);
        return e != null && !e.isJsonNull();
    }

    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Time since a timestamp as kubectl prints it; {@code <unknown>} when absent or unreadable. */
    static String age(String timestamp) {
        Instant then = instant(timestamp);
        return then == null ? UNKNOWN : humanDuration(Duration.between(then, Instant.now()));
    }

    static String createdAt(JsonObject o) {
        Instant created = instant(str(o, "metadata.creationTimestamp"));
        return created == null ? UNKNOWN
                : DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Kubernetes' human durations: 45s, 3m20s, 5h, 2d3h, 1y20d. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + days + "d";
        }
        return (hours / 24 / 365) + "y";
    }

    /** A string map as {@code k=v,k2=v2} sorted by key, or {@code <none>} when empty. */
    static String labels(JsonObject map) {
        if (map == null || map.isEmpty()) {
            return NONE;
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : map.entrySet()) {
            String value = scalar(e.getValue());
            sorted.put(e.getKey(), value == null ? "" : value);
        }
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /**
     * A metav1 LabelSelector in selector syntax ({@code app=web,tier in (a,b),!legacy}), its
     * requirements sorted by key; {@code <none>} when there is none or it is empty, {@code <error>} when
     * an expression has an operator Kubernetes does not know.
     */
    static String labelSelector(JsonObject selector) {
        if (selector == null) {
            return NONE;
        }
        TreeMap<String, List<String>> byKey = new TreeMap<>();
        JsonObject matchLabels = object(selector, "matchLabels");
        if (matchLabels != null) {
            for (Map.Entry<String, JsonElement> e : matchLabels.entrySet()) {
                byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getKey() + "=" + orEmpty(scalar(e.getValue())));
            }
        }
        for (JsonObject expression : objects(selector, "matchExpressions")) {
            String key = orEmpty(str(expression, "key"));
            String values = String.join(",", new TreeSet<>(strings(expression, "values")));
            String operator = orEmpty(str(expression, "operator"));
            String requirement = switch (operator) {
                case "In" -> key + " in (" + values + ")";
                case "NotIn" -> key + " notin (" + values + ")";
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> null;
            };
            if (requirement == null) {
                return "<error>";
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(requirement);
        }
        List<String> all = new ArrayList<>();
        byKey.values().forEach(all::addAll);
        return all.isEmpty() ? NONE : String.join(",", all);
    }

    /** The CONTAINERS and IMAGES cells of a pod template's spec: names and images, comma separated. */
    static String containerNames(JsonObject podSpec) {
        List<String> names = new ArrayList<>();
        for (JsonObject c : objects(podSpec, "containers")) {
            names.add(orEmpty(str(c, "name")));
        }
        return String.join(",", names);
    }

    static String containerImages(JsonObject podSpec) {
        List<String> images = new ArrayList<>();
        for (JsonObject c : objects(podSpec, "containers")) {
            images.add(orEmpty(str(c, "image")));
        }
        return String.join(",", images);
    }

    /** Access modes abbreviated in kubectl's fixed order: RWO,ROX,RWX,RWOP. */
    static String accessModes(JsonObject o, String path) {
        List<String> modes = strings(o, path);
        List<String> out = new ArrayList<>();
        if (modes.contains("ReadWriteOnce")) {
            out.add("RWO");
        }
        if (modes.contains("ReadOnlyMany")) {
            out.add("ROX");
        }
        if (modes.contains("ReadWriteMany")) {
            out.add("RWX");
        }
        if (modes.contains("ReadWriteOncePod")) {
            out.add("RWOP");
        }
        return String.join(",", out);
    }

    /** The first condition of a type in {@code status.conditions}, or null. */
    static JsonObject condition(JsonObject o, String type) {
        for (JsonObject c : objects(o, "status.conditions")) {
            if (type.equals(str(c, "type"))) {
                return c;
            }
        }
        return null;
    }

    static boolean conditionTrue(JsonObject o, String type) {
        JsonObject c = condition(o, type);
        return c != null && "True".equals(str(c, "status"));
    }

    /** A list joined by commas, with kubectl's {@code + N more...} when more than {@code max} items. */
    static String firstOf(List<String> items, int max, String whenEmpty) {
        if (items.isEmpty()) {
            return whenEmpty;
        }
        if (items.size() <= max) {
            return String.join(",", items);
        }
        return String.join(",", items.subList(0, max)) + " + " + (items.size() - max) + " more...";
    }
}
