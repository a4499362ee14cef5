package io.kubelix.apiserver.impl;

import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.WriteOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** The query parameters of an API request, read and checked the way Kubernetes does. */
final class RequestQuery {
    private static final List<String> FIELD_VALIDATION = List.of("Strict", "Warn", "Ignore");

    private final HttpServletRequest req;
    private final String extraFieldSelector;

    RequestQuery(HttpServletRequest req) {
        this(req, null);
    }

    private RequestQuery(HttpServletRequest req, String extraFieldSelector) {
        this.req = req;
        this.extraFieldSelector = extraFieldSelector;
    }

    /** The same query narrowed to one object (the legacy {@code /watch/.../name} form). */
    RequestQuery withName(String name) {
        return new RequestQuery(req, "metadata.name=" + name);
    }

    String string(String name) {
        String v = req.getParameter(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** A boolean parameter, read as Go's strconv.ParseBool reads it (clients send true, True, 1, t, ...). */
    boolean flag(String name) {
        String v = req.getParameter(name);
        if (v == null || v.isEmpty()) {
            return false;
        }
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw ApiException.badRequest(name + ": invalid value \"" + v + "\": it must be true or false");
        };
    }

    long number(String name, long fallback) {
        String v = string(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": invalid value \"" + v + "\": it must be a whole number");
        }
    }

    boolean dryRun() {
        String[] values = req.getParameterValues("dryRun");
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (!v.equals("All")) {
                throw ApiException.badRequest("dryRun: Unsupported value: \"" + v + "\": supported values: \"All\"");
            }
        }
        return values.length > 0;
    }

    WriteOptions writeOptions() {
        String validation = string("fieldValidation");
        if (validation != null && !FIELD_VALIDATION.contains(validation)) {
            throw ApiException.badRequest("fieldValidation: Unsupported value: \"" + validation
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        String manager = string("fieldManager");
        if (manager != null && manager.length() > 128) {
            throw ApiException.badRequest("fieldManager: Too long: may not be more than 128 bytes");
        }
        return new WriteOptions(dryRun(), manager, validation, flag("force"));
    }

    ListOptions listOptions() {
        return listOptions(number("timeoutSeconds", 0));
    }

    ListOptions listOptions(long timeoutSeconds) {
        long limit = number("limit", 0);
        if (limit < 0) {
            throw ApiException.badRequest("limit: Invalid value: " + limit + ": must be greater than or equal to 0");
        }
        String fieldSelector = string("fieldSelector");
        if (extraFieldSelector != null) {
            fieldSelector = fieldSelector == null ? extraFieldSelector : fieldSelector + "," + extraFieldSelector;
        }
        return new ListOptions(string("labelSelector"), fieldSelector, (int) Math.min(limit, Integer.MAX_VALUE),
                string("continue"), string("resourceVersion"), string("resourceVersionMatch"),
                flag("allowWatchBookmarks"), timeoutSeconds);
    }
}
