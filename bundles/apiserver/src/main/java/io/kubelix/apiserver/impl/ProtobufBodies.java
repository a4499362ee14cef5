package io.kubelix.apiserver.impl;

import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubelix.api.resource.ApiException;
import io.kubelix.apiserver.impl.protobuf.ProtoJson;
import io.kubelix.apiserver.impl.protobuf.ProtoKinds;
import io.kubernetes.client.proto.Runtime;

import java.util.Arrays;

/**
 * Reads request bodies sent as {@code application/vnd.kubernetes.protobuf} (what kubectl 1.32+ sends for
 * its generators) into the JSON object a JSON body would have given.
 *
 * <p>The body is the 4 bytes {@code k8s\0} and then a {@code runtime.Unknown}: typeMeta {apiVersion, kind},
 * raw (the object in Kubernetes' generated.proto encoding), contentEncoding and contentType.
 */
final class ProtobufBodies {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufBodies() {
    }

    /**
     * The object in a protobuf request body, as JSON with apiVersion and kind first.
     *
     * @throws ApiException 400 BadRequest when the body is not a readable envelope or object,
     *         415 UnsupportedMediaType when its kind has no protobuf schema here
     */
    static JsonObject decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw ApiException.badRequest("the protobuf request body does not start with the Kubernetes "
                    + "envelope prefix \"k8s\\0\"");
        }
        Runtime.Unknown envelope;
        try {
            envelope = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("the protobuf request body is not a readable runtime.Unknown envelope: "
                    + e.getMessage());
        }
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw ApiException.badRequest("the protobuf request body does not say its apiVersion and kind "
                    + "(typeMeta of the envelope is incomplete)");
        }
        if (!envelope.getContentEncoding().isEmpty()) {
            throw ApiException.badRequest("the protobuf request body is encoded as \""
                    + envelope.getContentEncoding() + "\"; only unencoded objects can be read");
        }
        String contentType = envelope.getContentType();
        if (!contentType.isEmpty() && !contentType.equals(MEDIA_TYPE)) {
            throw new ApiException(415, "UnsupportedMediaType", "the protobuf envelope holds an object of type \""
                    + contentType + "\"; only " + MEDIA_TYPE + " objects can be read");
        }
        if (!envelope.hasRaw() || envelope.getRaw().isEmpty()) {
            throw ApiException.badRequest("the protobuf request body holds no object (the envelope's raw field "
                    + "is empty) for " + apiVersion + " " + kind);
        }
        Message prototype = ProtoKinds.prototype(apiVersion, kind);
        if (prototype == null) {
            throw new ApiException(415, "UnsupportedMediaType", "this server cannot read " + apiVersion + " "
                    + kind + " sent as protobuf; send it as application/json or application/yaml instead "
                    + "(for kubectl: kubectl create ... --dry-run=client -o yaml | kubectl create -f -)");
        }
        Message object;
        try {
            object = prototype.getParserForType().parseFrom(envelope.getRaw());
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("the protobuf request body is not a readable " + apiVersion + " " + kind
                    + ": " + e.getMessage());
        }
        JsonObject fields;
        try {
            fields = ProtoJson.toJson(object);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the protobuf " + apiVersion + " " + kind + " cannot be read: "
                    + e.getMessage() + "; send it as application/json or application/yaml instead");
        }
        JsonObject json = new JsonObject();
        json.addProperty("apiVersion", apiVersion);
        json.addProperty("kind", kind);
        fields.entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        return json;
    }
}
