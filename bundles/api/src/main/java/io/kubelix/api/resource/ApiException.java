package io.kubelix.api.resource;

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
