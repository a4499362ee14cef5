package io.kubelix.api.resource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A failed API request, carrying everything a {@code metav1.Status} reply needs. The API server
 * renders it as Status JSON; the in-process client throws it as is.
 */
public class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String detailsName;
    private final String detailsGroup;
    private final String detailsKind;
    private final List<FieldError> causes;
    private final Integer retryAfterSeconds;

    public ApiException(int code, String reason, String message) {
        this(code, reason, message, null, null, null, List.of(), null);
    }

    public ApiException(int code, String reason, String message, String detailsName, String detailsGroup,
            String detailsKind, List<FieldError> causes, Integer retryAfterSeconds) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.detailsName = detailsName;
        this.detailsGroup = detailsGroup;
        this.detailsKind = detailsKind;
        this.causes = List.copyOf(causes);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String detailsName() {
        return detailsName;
    }

    public String detailsGroup() {
        return detailsGroup;
    }

    public String detailsKind() {
        return detailsKind;
    }

    public List<FieldError> causes() {
        return causes;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** This failure as a {@code metav1.Status} object, the body of every API error reply. */
    public JsonObject toStatus() {
        JsonObject status = new JsonObject();
        status.addProperty("kind", "Status");
        status.addProperty("apiVersion", "v1");
        status.add("metadata", new JsonObject());
        status.addProperty("status", "Failure");
        status.addProperty("message", getMessage());
        status.addProperty("reason", reason);
        JsonObject details = new JsonObject();
        if (detailsName != null) {
            details.addProperty("name", detailsName);
        }
        if (detailsGroup != null) {
            details.addProperty("group", detailsGroup);
        }
        if (detailsKind != null) {
            details.addProperty("kind", detailsKind);
        }
        if (!causes.isEmpty()) {
            JsonArray list = new JsonArray();
            for (FieldError cause : causes) {
                JsonObject c = new JsonObject();
                c.addProperty("reason", cause.reason());
                c.addProperty("message", cause.message());
                c.addProperty("field", cause.field());
                list.add(c);
            }
            details.add("causes", list);
        }
        if (retryAfterSeconds != null) {
            details.addProperty("retryAfterSeconds", retryAfterSeconds);
        }
        if (details.size() > 0) {
            status.add("details", details);
        }
        status.addProperty("code", code);
        return status;
    }

    /** Reads a {@code metav1.Status} reply back into an exception (for clients). */
    public static ApiException fromStatus(JsonObject status, int httpCode) {
        String message = stringOr(status, "message", "the server answered " + httpCode);
        String reason = stringOr(status, "reason", httpCode >= 500 ? "InternalError" : "Unknown");
        int code = status.has("code") && status.get("code").isJsonPrimitive() ? status.get("code").getAsInt() : httpCode;
        JsonObject details = status.has("details") && status.get("details").isJsonObject()
                ? status.getAsJsonObject("details") : new JsonObject();
        java.util.ArrayList<FieldError> causes = new java.util.ArrayList<>();
        if (details.has("causes") && details.get("causes").isJsonArray()) {
            for (var e : details.getAsJsonArray("causes")) {
                if (e.isJsonObject()) {
                    JsonObject c = e.getAsJsonObject();
                    causes.add(new FieldError(stringOr(c, "reason", ""), stringOr(c, "field", ""),
                            stringOr(c, "message", "")));
                }
            }
        }
        Integer retry = details.has("retryAfterSeconds") ? details.get("retryAfterSeconds").getAsInt() : null;
        return new ApiException(code, reason, message, stringOr(details, "name", null),
                stringOr(details, "group", null), stringOr(details, "kind", null), causes, retry);
    }

    private static String stringOr(JsonObject o, String field, String fallback) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : fallback;
    }

    // Factories with Kubernetes' reasons and message wording (kubectl prints these verbatim).

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound", type.qualifiedPlural() + " \"" + name + "\" not found", name,
                type.group(), type.plural(), List.of(), null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message);
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return new ApiException(409, "AlreadyExists", type.qualifiedPlural() + " \"" + name + "\" already exists",
                name, type.group(), type.plural(), List.of(), null);
    }

    public static ApiException conflict(ResourceType type, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedPlural()
                + " \"" + name + "\": " + why, name, type.group(), type.plural(), List.of(), null);
    }

    /** The optimistic-concurrency conflict every client retries on. */
    public static ApiException staleResourceVersion(ResourceType type, String name) {
        return conflict(type, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static ApiException invalid(ResourceType type, String name, List<FieldError> causes) {
        StringBuilder message = new StringBuilder(type.kind()).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            message.append(causes.get(0).field()).append(": ").append(causes.get(0).message());
        } else {
            message.append('[');
            for (int i = 0; i < causes.size(); i++) {
                message.append(i == 0 ? "" : ", ").append(causes.get(i).field()).append(": ")
                        .append(causes.get(i).message());
            }
            message.append(']');
        }
        return new ApiException(422, "Invalid", message.toString(), name, type.group(), type.kind(), causes, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", message);
    }
}
