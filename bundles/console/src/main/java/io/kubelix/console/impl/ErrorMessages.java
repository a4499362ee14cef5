package io.kubelix.console.impl;

import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.FieldError;

/** Failures in plain words for the console: the server's message, and each invalid field on a line of its own. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String of(ApiException e) {
        if (e.code() == 422 && !e.causes().isEmpty()) {
            StringBuilder out = new StringBuilder("Error: ");
            String kind = e.detailsKind() != null ? e.detailsKind() : "object";
            out.append(kind).append(" \"").append(e.detailsName() == null ? "" : e.detailsName())
                    .append("\" is invalid:");
            for (FieldError cause : e.causes()) {
                out.append("\n  * ");
                if (cause.field() != null && !cause.field().isEmpty()) {
                    out.append(cause.field()).append(": ");
                }
                out.append(cause.message());
            }
            return out.toString();
        }
        return "Error: " + e.getMessage();
    }

    public static String of(IllegalArgumentException e) {
        return "Error: " + e.getMessage();
    }
}
