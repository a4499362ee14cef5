package io.kubelix.registry.impl.patch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON Patch: add, remove, replace, move, copy, test over RFC 6901 pointers. */
public final class JsonPatch {
    private JsonPatch() {
    }

    /** Applies {@code patch} (a JSON array of operations) to a copy of {@code target}. */
    public static JsonElement apply(JsonElement target, JsonElement patch) {
        if (patch == null || !patch.isJsonArray()) {
            throw new PatchException("a JSON patch must be a JSON array of operations");
        }
        JsonElement doc = target.deepCopy();
        JsonArray ops = patch.getAsJsonArray();
        for (int i = 0; i < ops.size(); i++) {
            if (!ops.get(i).isJsonObject()) {
                throw new PatchException("operation " + i + " is not a JSON object");
            }
            doc = applyOne(doc, ops.get(i).getAsJsonObject(), i);
        }
        return doc;
    }

    private static JsonElement applyOne(JsonElement doc, JsonObject op, int index) {
        String name = stringField(op, "op", index);
        String path = stringField(op, "path", index);
        switch (name) {
            case "add" -> {
                return add(doc, parse(path, index), value(op, index), index);
            }
            case "remove" -> {
                return remove(doc, parse(path, index), index);
            }
            case "replace" -> {
                List<String> pointer = parse(path, index);
                get(doc, pointer, index); // must exist
                return add(remove(doc, pointer, index), pointer, value(op, index), index);
            }
            case "move" -> {
                List<String> from = parse(stringField(op, "from", index), index);
                JsonElement moved = get(doc, from, index).deepCopy();
                return add(remove(doc, from, index), parse(path, index), moved, index);
            }
            case "copy" -> {
                JsonElement copied = get(doc, parse(stringField(op, "from", index), index), index).deepCopy();
                return add(doc, parse(path, index), copied, index);
            }
            case "test" -> {
                JsonElement actual = get(doc, parse(path, index), index);
                if (!actual.equals(value(op, index))) {
                    throw new PatchException("operation " + index + ": test failed: the value at \"" + path
                            + "\" is " + actual);
                }
                return doc;
            }
            default -> throw new PatchException("operation " + index + ": unknown op \"" + name
                    + "\" (expected add, remove, replace, move, copy or test)");
        }
    }

    private static JsonElement add(JsonElement doc, List<String> pointer, JsonElement value, int index) {
        if (pointer.isEmpty()) {
            return value.deepCopy();
        }
        JsonElement parent = get(doc, pointer.subList(0, pointer.size() - 1), index);
        String last = pointer.get(pointer.size() - 1);
        if (parent.isJsonObject()) {
            parent.getAsJsonObject().add(last, value.deepCopy());
        } else if (parent.isJsonArray()) {
            JsonArray array = parent.getAsJsonArray();
            if (last.equals("-")) {
                array.add(value.deepCopy());
            } else {
                int at = arrayIndex(last, array.size(), true, index);
                List<JsonElement> items = new ArrayList<>();
                array.forEach(items::add);
                items.add(at, value.deepCopy());
                while (array.size() > 0) {
                    array.remove(0);
                }
                items.forEach(array::add);
            }
        } else {
            throw new PatchException("operation " + index + ": cannot add below a scalar at \"/"
                    + String.join("/", pointer) + "\"");
        }
        return doc;
    }

    private static JsonElement remove(JsonElement doc, List<String> pointer, int index) {
        if (pointer.isEmpty()) {
            throw new PatchException("operation " + index + ": cannot remove the whole document");
        }
        JsonElement parent = get(doc, pointer.subList(0, pointer.size() - 1), index);
        String last = pointer.get(pointer.size() - 1);
        if (parent.isJsonObject()) {
            if (parent.getAsJsonObject().remove(last) == null) {
                throw missing(pointer, index);
            }
        } else if (parent.isJsonArray()) {
            parent.getAsJsonArray().remove(arrayIndex(last, parent.getAsJsonArray().size(), false, index));
        } else {
            throw missing(pointer, index);
        }
        return doc;
    }

    private static JsonElement get(JsonElement doc, List<String> pointer, int index) {
        JsonElement current = doc;
        for (int i = 0; i < pointer.size(); i++) {
            String token = pointer.get(i);
            if (current != null && current.isJsonObject()) {
                current = current.getAsJsonObject().get(token);
            } else if (current != null && current.isJsonArray()) {
                current = current.getAsJsonArray().get(arrayIndex(token, current.getAsJsonArray().size(), false,
                        index));
            } else {
                current = null;
            }
            if (current == null) {
                throw missing(pointer.subList(0, i + 1), index);
            }
        }
        return current;
    }

    private static int arrayIndex(String token, int size, boolean forInsert, int index) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            throw new PatchException("operation " + index + ": \"" + token + "\" is not an array index");
        }
        int i = Integer.parseInt(token);
        if (i > size || (!forInsert && i == size)) {
            throw new PatchException("operation " + index + ": array index " + i + " is out of bounds (size "
                    + size + ")");
        }
        return i;
    }

    private static List<String> parse(String path, int index) {
        List<String> tokens = new ArrayList<>();
        if (path.isEmpty()) {
            return tokens;
        }
        if (!path.startsWith("/")) {
            throw new PatchException("operation " + index + ": path \"" + path + "\" must start with /");
        }
        for (String raw : path.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String stringField(JsonObject op, String field, int index) {
        JsonElement e = op.get(field);
        if (!(e instanceof JsonPrimitive p && p.isString())) {
            throw new PatchException("operation " + index + ": missing string field \"" + field + "\"");
        }
        return p.getAsString();
    }

    private static JsonElement value(JsonObject op, int index) {
        if (!op.has("value")) {
            throw new PatchException("operation " + index + ": missing field \"value\"");
        }
        return op.get("value");
    }

    private static PatchException missing(List<String> pointer, int index) {
        return new PatchException("operation " + index + ": no value at path \"/" + String.join("/", pointer)
                + "\"");
    }
}
