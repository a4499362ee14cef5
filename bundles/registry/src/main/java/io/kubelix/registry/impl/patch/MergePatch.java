package io.kubelix.registry.impl.patch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/** RFC 7386 JSON merge patch: objects merge recursively, null removes, everything else replaces. */
public final class MergePatch {
    private MergePatch() {
    }

    public static JsonElement apply(JsonElement target, JsonElement patch) {
        if (patch == null || !patch.isJsonObject()) {
            return patch == null ? target.deepCopy() : patch.deepCopy();
        }
        JsonObject result = target != null && target.isJsonObject() ? target.getAsJsonObject().deepCopy()
                : new JsonObject();
        for (Map.Entry<String, JsonElement> entry : patch.getAsJsonObject().entrySet()) {
            JsonElement value = entry.getValue();
            if (value.isJsonNull()) {
                result.remove(entry.getKey());
            } else {
                result.add(entry.getKey(), apply(result.get(entry.getKey()), value));
            }
        }
        return result;
    }
}
