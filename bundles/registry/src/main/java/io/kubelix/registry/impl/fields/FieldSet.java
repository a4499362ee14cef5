package io.kubelix.registry.impl.fields;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.registry.impl.patch.PatchMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of field paths, as kept in {@code metadata.managedFields}. A path is a list of FieldsV1
 * elements: {@code f:<field>} for an object field, {@code k:{"name":"x"}} for a list element found by
 * its merge key, {@code v:<json>} for a value of a set-like scalar list. The set holds leaves (scalars,
 * empty objects, atomic lists) and the keyed or set list elements themselves; in FieldsV1 an element
 * that is a member and also has members below it is marked with {@code "."}.
 */
public final class FieldSet {
    public static final FieldSet EMPTY = new FieldSet(Set.of());

    /** Metadata fields the server writes; nobody owns them. */
    private static final Set<String> UNOWNED_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
            "managedFields", "generateName");

    private final Set<List<String>> paths;

    private FieldSet(Set<List<String>> paths) {
        this.paths = Collections.unmodifiableSet(paths);
    }

    public static FieldSet of(Set<List<String>> paths) {
        Set<List<String>> copy = new LinkedHashSet<>();
        paths.forEach(p -> copy.add(List.copyOf(p)));
        return new FieldSet(copy);
    }

    /**
     * The fields an object sets: everything but apiVersion, kind, status and the metadata the server
     * owns. Lists with a strategic-merge key are keyed per element, set lists (finalizers) per value.
     */
    public static FieldSet ofObject(JsonObject object) {
        Set<List<String>> out = new LinkedHashSet<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            String field = e.getKey();
            if (field.equals("apiVersion") || field.equals("kind") || field.equals("status")) {
                continue;
            }
            List<String> path = List.of("f:" + field);
            if (field.equals("metadata") && e.getValue().isJsonObject()) {
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    if (!UNOWNED_METADATA.contains(m.getKey())) {
                        walkField(append(path, "f:" + m.getKey()), "metadata", m.getKey(), m.getValue(), out);
                    }
                }
                continue;
            }
            walkField(path, null, field, e.getValue(), out);
        }
        return new FieldSet(out);
    }

    private static void walkField(List<String> path, String parent, String field, JsonElement value,
            Set<List<String>> out) {
        if (value.isJsonObject() && value.getAsJsonObject().size() > 0) {
            walkObject(value.getAsJsonObject(), path, field, out);
        } else if (value.isJsonArray() && value.getAsJsonArray().size() > 0) {
            walkList(value.getAsJsonArray(), path, parent, field, out);
        } else {
            out.add(path);
        }
    }

    private static void walkObject(JsonObject object, List<String> path, String field, Set<List<String>> out) {
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            walkField(append(path, "f:" + e.getKey()), field, e.getKey(), e.getValue(), out);
        }
    }

    private static void walkList(JsonArray list, List<String> path, String parent, String field,
            Set<List<String>> out) {
        PatchMeta.ListMerge merge = PatchMeta.listMerge(parent, field);
        if (merge != null && merge.key() == null && allScalars(list)) {
            list.forEach(v -> out.add(append(path, "v:" + v)));
        } else if (merge != null && merge.key() != null && allKeyed(list, merge.key())) {
            for (JsonElement element : list) {
                JsonObject key = new JsonObject();
                key.add(merge.key(), element.getAsJsonObject().get(merge.key()));
                List<String> elementPath = append(path, "k:" + key);
                out.add(elementPath);
                walkObject(element.getAsJsonObject(), elementPath, field, out);
            }
        } else {
            // Lists without a merge key are atomic: owned whole.
            out.add(path);
        }
    }

    private static boolean allScalars(JsonArray list) {
        for (JsonElement e : list) {
            if (!e.isJsonPrimitive()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allKeyed(JsonArray list, String key) {
        for (JsonElement e : list) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has(key) || !e.getAsJsonObject().get(key).isJsonPrimitive()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> append(List<String> path, String element) {
        List<String> next = new ArrayList<>(path.size() + 1);
        next.addAll(path);
        next.add(element);
        return List.copyOf(next);
    }

    /** Reads a FieldsV1 tree; throws IllegalArgumentException when it is not one. */
    public static FieldSet fromFieldsV1(JsonObject fieldsV1) {
        Set<List<String>> out = new LinkedHashSet<>();
        parse(fieldsV1, List.of(), out);
        return new FieldSet(out);
    }

    private static void parse(JsonObject node, List<String> path, Set<List<String>> out) {
        for (Map.Entry<String, JsonElement> e : node.entrySet()) {
            String key = e.getKey();
            if (!e.getValue().isJsonObject()) {
                throw new IllegalArgumentException("fieldsV1 entry \"" + key + "\" must be an object");
            }
            if (key.equals(".")) {
                if (path.isEmpty()) {
                    throw new IllegalArgumentException("fieldsV1 cannot mark the root with \".\"");
                }
                out.add(path);
                continue;
            }
            if (!(key.startsWith("f:") || key.startsWith("k:") || key.startsWith("v:") || key.startsWith("i:"))) {
                throw new IllegalArgumentException("fieldsV1 key \"" + key
                        + "\" must start with f:, k:, v:, i: or be \".\"");
            }
            List<String> child = append(path, key);
            JsonObject value = e.getValue().getAsJsonObject();
            if (value.size() == 0) {
                out.add(child);
            } else {
                parse(value, child, out);
            }
        }
    }

    /** This set as a FieldsV1 tree, keys sorted as Kubernetes writes them. */
    public JsonObject toFieldsV1() {
        Node root = new Node();
        for (List<String> path : paths) {
            Node node = root;
            for (String element : path) {
                node = node.children.computeIfAbsent(element, k -> new Node());
            }
            node.member = true;
        }
        return root.render();
    }

    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        boolean member;

        JsonObject render() {
            JsonObject out = new JsonObject();
            if (member && !children.isEmpty()) {
                out.add(".", new JsonObject());
            }
            children.forEach((k, v) -> out.add(k, v.render()));
            return out;
        }
    }

    public Set<List<String>> paths() {
        return paths;
    }

    public boolean contains(List<String> path) {
        return paths.contains(path);
    }

    /** Whether the set holds {@code prefix} or any path below it. */
    public boolean containsWithin(List<String> prefix) {
        for (List<String> p : paths) {
            if (p.size() >= prefix.size() && p.subList(0, prefix.size()).equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public FieldSet union(FieldSet other) {
        Set<List<String>> out = new LinkedHashSet<>(paths);
        out.addAll(other.paths);
        return new FieldSet(out);
    }

    public FieldSet minus(FieldSet other) {
        Set<List<String>> out = new LinkedHashSet<>(paths);
        out.removeAll(other.paths);
        return new FieldSet(out);
    }

    public FieldSet intersect(FieldSet other) {
        Set<List<String>> out = new LinkedHashSet<>(paths);
        out.retainAll(other.paths);
        return new FieldSet(out);
    }

    /** A path the way Kubernetes prints it in conflicts: {@code .spec.containers[name="web"].image}. */
    public static String describe(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String element : path) {
            String body = element.substring(2);
            if (element.startsWith("f:")) {
                b.append('.').append(body);
            } else if (element.startsWith("k:")) {
                b.append('[');
                try {
                    JsonObject key = io.kubelix.api.json.Json.parse(body).getAsJsonObject();
                    int i = 0;
                    for (Map.Entry<String, JsonElement> e : key.entrySet()) {
                        b.append(i++ == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
                    }
                } catch (RuntimeException e) {
                    b.append(body);
                }
                b.append(']');
            } else if (element.startsWith("v:")) {
                b.append("[=").append(body).append(']');
            } else {
                b.append('[').append(body).append(']');
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && paths.equals(other.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        List<String> described = new ArrayList<>();
        paths.forEach(p -> described.add(describe(p)));
        return described.toString();
    }
}
