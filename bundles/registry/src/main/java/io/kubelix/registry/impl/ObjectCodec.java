package io.kubelix.registry.impl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.store.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns stored bytes into API objects and back. The resourceVersion is never stored inside the
 * bytes: it is the key's modRevision, set on every read, so it cannot disagree with the store.
 * <p>
 * Objects are stored with apiVersion, kind and metadata first. That lets a list be served from the
 * stored bytes directly: the resourceVersion is spliced in right after {@code "metadata":{}, which
 * is then certainly the top-level metadata (the two strings before it cannot contain a bare quote).
 */
final class ObjectCodec {
    private static final byte[] RESOURCE_VERSION = "\"resourceVersion\":\"".getBytes(StandardCharsets.UTF_8);

    private ObjectCodec() {
    }

    static byte[] encode(JsonObject object) {
        JsonObject ordered = new JsonObject();
        copy(object, ordered, "apiVersion");
        copy(object, ordered, "kind");
        JsonObject metadata = Objects.metadata(object);
        if (metadata != null) {
            JsonObject m = metadata;
            if (metadata.has("resourceVersion")) {
                m = new JsonObject();
                for (Map.Entry<String, JsonElement> e : metadata.entrySet()) {
                    if (!e.getKey().equals("resourceVersion")) {
                        m.add(e.getKey(), e.getValue());
                    }
                }
            }
            ordered.add("metadata", m);
        }
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            if (!ordered.has(e.getKey())) {
                ordered.add(e.getKey(), e.getValue());
            }
        }
        return Json.writeBytes(ordered);
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

    /**
     * The object as {@link #decode} would give it, encoded as JSON, without decoding when the stored
     * bytes start as {@link #encode} writes them for this type.
     */
    static byte[] encoded(KeyValue kv, ResourceType type) {
        byte[] value = kv.value();
        byte[] prefix = prefix(type);
        if (!startsWith(value, prefix)) {
            return Json.writeBytes(decode(kv, type));
        }
        byte[] revision = Long.toString(kv.modRevision()).getBytes(StandardCharsets.US_ASCII);
        boolean emptyMetadata = value.length > prefix.length && value[prefix.length] == '}';
        int extra = RESOURCE_VERSION.length + revision.length + 1 + (emptyMetadata ? 0 : 1);
        byte[] out = new byte[value.length + extra];
        int at = 0;
        System.arraycopy(prefix, 0, out, at, prefix.length);
        at += prefix.length;
        System.arraycopy(RESOURCE_VERSION, 0, out, at, RESOURCE_VERSION.length);
        at += RESOURCE_VERSION.length;
        System.arraycopy(revision, 0, out, at, revision.length);
        at += revision.length;
        out[at++] = '"';
        if (!emptyMetadata) {
            out[at++] = ',';
        }
        System.arraycopy(value, prefix.length, out, at, value.length - prefix.length);
        return out;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> PREFIXES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] prefix(ResourceType type) {
        return PREFIXES.computeIfAbsent(type.apiVersion() + "#" + type.kind(), k -> ("{\"apiVersion\":"
                + Json.GSON.toJson(type.apiVersion()) + ",\"kind\":" + Json.GSON.toJson(type.kind())
                + ",\"metadata\":{").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        if (value.length <= prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (value[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void copy(JsonObject from, JsonObject to, String field) {
        JsonElement e = from.get(field);
        if (e != null) {
            to.add(field, e);
        }
    }
}
