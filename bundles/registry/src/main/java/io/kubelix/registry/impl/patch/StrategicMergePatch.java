package io.kubelix.registry.impl.patch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch for the built-in kinds: a merge patch whose lists of named things
 * (containers, env, ports, volumes, ...) merge element by element instead of being replaced, with
 * the directives {@code $patch} (merge, replace, delete), {@code $setElementOrder/<list>},
 * {@code $deleteFromPrimitiveList/<list>} and {@code $retainKeys}.
 */
public final class StrategicMergePatch {
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    public static JsonObject apply(JsonObject original, JsonElement patch) {
        if (patch == null || !patch.isJsonObject()) {
            throw new PatchException("a strategic merge patch must be a JSON object");
        }
        JsonElement result = mergeObject(original.deepCopy(), patch.getAsJsonObject(), null);
        if (result == null || !result.isJsonObject()) {
            throw new PatchException("the patch deletes the whole object; use DELETE instead");
        }
        return result.getAsJsonObject();
    }

    /** Merges {@code patch} into {@code target} (which it may change); returns null when the patch deletes it. */
    private static JsonElement mergeObject(JsonObject target, JsonObject patch, String fieldName) {
        JsonElement directive = patch.get(PATCH);
        if (directive != null) {
            String d = directive.isJsonPrimitive() ? directive.getAsString() : "";
            switch (d) {
                case "delete":
                    return null;
                case "replace":
                    return withoutDirectives(patch);
                case "merge":
                    break;
                default:
                    throw new PatchException("unknown $patch directive \"" + d + "\" (expected merge, replace or delete)");
            }
        }
        Map<String, JsonArray> orders = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS)) {
                continue;
            }
            if (key.startsWith(SET_ORDER)) {
                if (!value.isJsonArray()) {
                    throw new PatchException(key + " must be a list");
                }
                orders.put(key.substring(SET_ORDER.length()), value.getAsJsonArray());
                continue;
            }
            if (key.startsWith(DELETE_FROM_PRIMITIVE)) {
                deleteFromPrimitiveList(target, key.substring(DELETE_FROM_PRIMITIVE.length()), value);
                continue;
            }
            if (value.isJsonNull()) {
                target.remove(key);
            } else if (value.isJsonObject()) {
                JsonElement current = target.get(key);
                JsonObject base = current != null && current.isJsonObject() ? current.getAsJsonObject() : new JsonObject();
                JsonElement merged = mergeObject(base, value.getAsJsonObject(), key);
                if (merged == null) {
                    target.remove(key);
                } else {
                    target.add(key, merged);
                }
            } else if (value.isJsonArray()) {
                target.add(key, mergeList(target.get(key), value.getAsJsonArray(), fieldName, key));
            } else {
                target.add(key, value.deepCopy());
            }
        }
        for (Map.Entry<String, JsonArray> order : orders.entrySet()) {
            JsonElement list = target.get(order.getKey());
            if (list != null && list.isJsonArray()) {
                PatchMeta.ListMerge merge = PatchMeta.listMerge(fieldName, order.getKey());
                target.add(order.getKey(), reorder(list.getAsJsonArray(), order.getValue(),
                        merge == null ? null : merge.key()));
            }
        }
        JsonElement retain = patch.get(RETAIN_KEYS);
        if (retain != null) {
            if (!retain.isJsonArray()) {
                throw new PatchException("$retainKeys must be a list of field names");
            }
            Set<String> keep = new HashSet<>();
            retain.getAsJsonArray().forEach(k -> keep.add(k.getAsString()));
            for (String existing : new ArrayList<>(target.keySet())) {
                if (!keep.contains(existing)) {
                    target.remove(existing);
                }
            }
        }
        return target;
    }

    private static JsonArray mergeList(JsonElement current, JsonArray patch, String parent, String field) {
        PatchMeta.ListMerge merge = PatchMeta.listMerge(parent, field);
        JsonArray base = current != null && current.isJsonArray() ? current.getAsJsonArray() : new JsonArray();
        if (merge == null) {
            return withoutDirectives(patch).getAsJsonArray();
        }
        // A list-level {"$patch": "replace"} element: the rest of the patch list is the new list.
        for (JsonElement element : patch) {
            if (element.isJsonObject() && element.getAsJsonObject().size() == 1
                    && "replace".equals(stringOf(element.getAsJsonObject().get(PATCH)))) {
                JsonArray replaced = new JsonArray();
                for (JsonElement e : patch) {
                    if (e != element) {
                        replaced.add(withoutDirectives(e));
                    }
                }
                return replaced;
            }
        }
        JsonArray result = base.deepCopy();
        if (merge.key() == null) {
            for (JsonElement element : patch) {
                if (!result.contains(element)) {
                    result.add(element.deepCopy());
                }
            }
            return result;
        }
        for (JsonElement element : patch) {
            if (!element.isJsonObject()) {
                throw new PatchException("elements of " + field + " must be objects with the key \"" + merge.key() + "\"");
            }
            JsonObject patchElement = element.getAsJsonObject();
            JsonElement keyValue = patchElement.get(merge.key());
            if (keyValue == null) {
                throw new PatchException("an element of " + field + " lacks its merge key \"" + merge.key() + "\"");
            }
            int at = indexOf(result, merge.key(), keyValue);
            if ("delete".equals(stringOf(patchElement.get(PATCH)))) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at >= 0) {
                JsonElement merged = mergeObject(result.get(at).getAsJsonObject(), patchElement, field);
                if (merged == null) {
                    result.remove(at);
                } else {
                    result.set(at, merged);
                }
            } else {
                result.add(withoutDirectives(patchElement));
            }
        }
        return result;
    }

    /** Orders {@code list} as {@code order} says; elements the order does not name keep their place after. */
    private static JsonArray reorder(JsonArray list, JsonArray order, String key) {
        List<JsonElement> remaining = new ArrayList<>();
        list.forEach(remaining::add);
        JsonArray result = new JsonArray();
        for (JsonElement wanted : order) {
            JsonElement wantedKey = key != null && wanted.isJsonObject() ? wanted.getAsJsonObject().get(key) : wanted;
            for (int i = 0; i < remaining.size(); i++) {
                JsonElement candidate = remaining.get(i);
                JsonElement candidateKey = key != null && candidate.isJsonObject() ? candidate.getAsJsonObject().get(key)
                        : candidate;
                if (candidateKey != null && candidateKey.equals(wantedKey)) {
                    result.add(candidate);
                    remaining.remove(i);
                    break;
                }
            }
        }
        remaining.forEach(result::add);
        return result;
    }

    private static void deleteFromPrimitiveList(JsonObject target, String field, JsonElement values) {
        JsonElement current = target.get(field);
        if (current == null || !current.isJsonArray() || !values.isJsonArray()) {
            return;
        }
        JsonArray kept = new JsonArray();
        for (JsonElement e : current.getAsJsonArray()) {
            if (!values.getAsJsonArray().contains(e)) {
                kept.add(e);
            }
        }
        target.add(field, kept);
    }

    private static int indexOf(JsonArray list, String key, JsonElement value) {
        for (int i = 0; i < list.size(); i++) {
            JsonElement e = list.get(i);
            if (e.isJsonObject() && value.equals(e.getAsJsonObject().get(key))) {
                return i;
            }
        }
        return -1;
    }

    /** A copy with every directive key removed, at every depth. */
    private static JsonElement withoutDirectives(JsonElement element) {
        if (element.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                if (!e.getKey().startsWith("$")) {
                    out.add(e.getKey(), withoutDirectives(e.getValue()));
                }
            }
            return out;
        }
        if (element.isJsonArray()) {
            JsonArray out = new JsonArray();
            element.getAsJsonArray().forEach(e -> out.add(withoutDirectives(e)));
            return out;
        }
        return element.deepCopy();
    }

    private static String stringOf(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }
}
