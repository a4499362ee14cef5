package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.store.KeyValue;

/**
 * Turns stored bytes into API objects and back. The resourceVersion is never stored inside the
 * bytes: it is the key's modRevision, set on every read, so it cannot disagree with the store.
 */
final class ObjectCodec {
    private ObjectCodec() {
    }

    static byte[] encode(JsonObject object) {
        JsonObject metadata = Objects.metadata(object);
        if (metadata != null && metadata.has("resourceVersion")) {
            JsonObject copy = object.deepCopy();
            Objects.metadata(copy).remove("resourceVersion");
            return Json.writeBytes(copy);
        }
        return Json.writeBytes(object);
    }

    /** Decodes a stored object as the given type's version, with its resourceVersion. */
    static JsonObject decode(KeyValue kv, ResourceType type) {
        return decode(kv.value(), kv.modRevision(), type);
    }

    static JsonObject decode(byte[] value, long revision, ResourceType type) {
        JsonObject object = Json.parseObject(value);
        object.addProperty("apiVersion", type.apiVersion());
        object.addProperty("kind", type.kind());
        Objects.metadataForWrite(object).addProperty("resourceVersion", Long.toString(revision));
        return object;
    }
}
