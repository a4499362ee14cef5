package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ConfigMaps and Secrets: key-value data. Secret values are base64 in JSON (they are bytes);
 * {@code stringData} is folded into {@code data} on write, as Kubernetes does.
 */
final class ConfigDataStrategy implements ResourceStrategy {
    static final int MAX_SIZE = 1024 * 1024;
    static final String IMMUTABLE_RULE = "field is immutable when `immutable` is set";
    /** Secret contents never appear in error messages. */
    private static final Object REDACTED = new JsonFields.Shown("\"<secret contents redacted>\"");

    private final boolean secret;

    private ConfigDataStrategy(boolean secret) {
        this.secret = secret;
    }

    static ConfigDataStrategy configMaps() {
        return new ConfigDataStrategy(false);
    }

    static ConfigDataStrategy secrets() {
        return new ConfigDataStrategy(true);
    }

    @Override
    public List<String> specFields() {
        return List.of();
    }

    @Override
    public Map<String, String> selectableFields(JsonObject object) {
        return secret ? Map.of("type", JsonFields.stringOrEmpty(object, "type")) : Map.of();
    }

    @Override
    public void applyDefaults(JsonObject object) {
        // Kubernetes omits empty maps (omitempty): a client that sends "binaryData": {} does not get it back.
        for (String field : List.of("data", "binaryData")) {
            JsonElement value = object.get(field);
            if (value != null && value.isJsonObject() && value.getAsJsonObject().size() == 0) {
                object.remove(field);
            }
        }
        if (!secret) {
            return;
        }
        JsonFields.defaultString(object, "type", "Opaque");
        JsonObject stringData = JsonFields.object(object, "stringData");
        if (stringData != null) {
            JsonObject data = JsonFields.objectForWrite(object, "data");
            if (data == null) {
                return; // mistyped data: leave both for validation to report
            }
            for (Map.Entry<String, JsonElement> e : stringData.entrySet()) {
                String text = JsonFields.scalarText(e.getValue());
                if (text != null) {
                    data.addProperty(e.getKey(), Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
                }
            }
            object.remove("stringData");
        }
    }

    @Override
    public List<FieldError> validateCreate(JsonObject object) {
        Problems p = new Problems();
        validate(object, p);
        return p.list();
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject object, JsonObject old) {
        Problems p = new Problems();
        validate(object, p);
        if (JsonFields.isTrue(old, "immutable")) {
            if (!JsonFields.isTrue(object, "immutable")) {
                p.forbidden("immutable", IMMUTABLE_RULE);
            }
            for (String field : List.of("data", "binaryData")) {
                if (!java.util.Objects.equals(nonEmpty(object, field), nonEmpty(old, field))) {
                    p.forbidden(field, IMMUTABLE_RULE);
                }
            }
        }
        if (secret) {
            String type = JsonFields.stringOrEmpty(object, "type");
            if (!type.equals(JsonFields.stringOrEmpty(old, "type"))) {
                p.immutable("type", type);
            }
        }
        return p.list();
    }

    private static JsonObject nonEmpty(JsonObject object, String field) {
        JsonObject o = JsonFields.object(object, field);
        return o == null || o.isEmpty() ? null : o;
    }

    private void validate(JsonObject object, Problems p) {
        p.bool(object, "immutable", "immutable");
        Map<String, String> data = p.stringMap(object, "data", "data");
        long size = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            String path = Problems.key("data", e.getKey());
            p.configKey(path, e.getKey());
            if (secret) {
                byte[] bytes = decode(e.getValue());
                if (bytes == null) {
                    p.invalid(path, REDACTED, "must be base64-encoded (use `stringData` to give plain text)");
                } else {
                    size += bytes.length;
                }
            } else {
                size += e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            size += e.getKey().length();
        }
        if (!secret) {
            Map<String, String> binary = p.stringMap(object, "binaryData", "binaryData");
            for (Map.Entry<String, String> e : binary.entrySet()) {
                String path = Problems.key("binaryData", e.getKey());
                p.configKey(path, e.getKey());
                if (data.containsKey(e.getKey())) {
                    p.invalid("binaryData", e.getKey(), "duplicate of key present in data");
                }
                byte[] bytes = decode(e.getValue());
                if (bytes == null) {
                    p.invalid(path, new JsonFields.Shown("\"...\""), "must be base64-encoded");
                } else {
                    size += bytes.length;
                }
                size += e.getKey().length();
            }
        } else if (JsonFields.present(object, "binaryData")) {
            p.forbidden("binaryData", "secrets keep bytes in `data`");
        }
        if (size > MAX_SIZE) {
            p.tooLong("data", MAX_SIZE);
        }
        if (secret) {
            p.stringMap(object, "stringData", "stringData");
            validateSecretType(object, p);
        }
    }

    static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void validateSecretType(JsonObject secret, Problems p) {
        String type = p.stringOrEmpty(secret, "type", "type");
        Map<String, String> data = JsonFields.stringMap(secret, "data");
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                String saName = Objects.annotations(secret).get("kubernetes.io/service-account.name");
                if (saName == null || saName.isEmpty()) {
                    p.required("metadata.annotations[kubernetes.io/service-account.name]");
                }
            }
            case "kubernetes.io/dockercfg" -> requireJson(data, ".dockercfg", p);
            case "kubernetes.io/dockerconfigjson" -> requireJson(data, ".dockerconfigjson", p);
            case "kubernetes.io/basic-auth" -> {
                if (isEmpty(data, "username") && isEmpty(data, "password")) {
                    p.required("data[username]", "either `username` or `password` must be set");
                }
            }
            case "kubernetes.io/ssh-auth" -> {
                if (isEmpty(data, "ssh-privatekey")) {
                    p.required("data[ssh-privatekey]");
                }
            }
            case "kubernetes.io/tls" -> {
                if (!data.containsKey("tls.crt")) {
                    p.required("data[tls.crt]");
                }
                if (!data.containsKey("tls.key")) {
                    p.required("data[tls.key]");
                }
            }
            default -> {
            }
        }
    }

    private static boolean isEmpty(Map<String, String> data, String key) {
        String v = data.get(key);
        return v == null || v.isEmpty();
    }

    private static void requireJson(Map<String, String> data, String key, Problems p) {
        String path = Problems.key("data", key);
        String value = data.get(key);
        if (value == null || value.isEmpty()) {
            p.required(path);
            return;
        }
        byte[] bytes = decode(value);
        if (bytes == null) {
            return; // reported as bad base64 already
        }
        try {
            JsonElement parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                p.invalid(path, REDACTED, "must be a JSON object");
            }
        } catch (IllegalArgumentException | JsonParseException e) {
            p.invalid(path, REDACTED, e.getMessage());
        }
    }
}
