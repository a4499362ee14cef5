package io.kubelix.api.resource;

/**
 * One validation failure, as it appears in a Status's {@code details.causes}.
 *
 * @param reason  the cause type: one of the constants below
 * @param field   the field path, for example {@code spec.containers[0].image}
 * @param message the message kubectl prints after the field path
 */
public record FieldError(String reason, String field, String message) {
    public static final String REQUIRED = "FieldValueRequired";
    public static final String INVALID = "FieldValueInvalid";
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String DUPLICATE = "FieldValueDuplicate";
    public static final String FORBIDDEN = "FieldValueForbidden";
    public static final String TOO_LONG = "FieldValueTooLong";
    public static final String TOO_MANY = "FieldValueTooMany";
    public static final String NOT_FOUND = "FieldValueNotFound";

    public static FieldError required(String field) {
        return new FieldError(REQUIRED, field, "Required value");
    }

    /** {@code value} is shown JSON-quoted when it is a string, as Kubernetes does. */
    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(INVALID, field, "Invalid value: " + quote(value) + ": " + detail);
    }

    public static FieldError notSupported(String field, Object value, java.util.Collection<String> supported) {
        StringBuilder b = new StringBuilder("Unsupported value: ").append(quote(value)).append(": supported values: ");
        int i = 0;
        for (String s : supported) {
            b.append(i++ == 0 ? "" : ", ").append('"').append(s).append('"');
        }
        return new FieldError(NOT_SUPPORTED, field, b.toString());
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(DUPLICATE, field, "Duplicate value: " + quote(value));
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(FORBIDDEN, field, "Forbidden: " + detail);
    }

    public static FieldError tooLong(String field, int max) {
        return new FieldError(TOO_LONG, field, "Too long: may not be more than " + max + " bytes");
    }

    /** Kubernetes' wording for a change to a field that may not change. */
    public static FieldError immutable(String field, Object value) {
        return new FieldError(INVALID, field, "Invalid value: " + quote(value) + ": field is immutable");
    }

    private static String quote(Object value) {
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }
}
