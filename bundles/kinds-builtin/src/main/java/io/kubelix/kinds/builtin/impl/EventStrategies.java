package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events, in core/v1 and events.k8s.io/v1. Events have no spec; they are records. */
final class EventStrategies {
    static final List<String> TYPES = List.of("Normal", "Warning");
    static final int MAX_NOTE_BYTES = 1024;
    static final int MAX_REASON = 128;

    private EventStrategies() {
    }

    private static void validateCommon(JsonObject event, String reportingController, Problems p) {
        String type = p.string(event, "type", "type");
        p.optionalOneOf("type", type, TYPES);
        String reason = p.string(event, "reason", "reason");
        if (reason != null && reason.length() > MAX_REASON) {
            p.tooLong("reason", MAX_REASON);
        }
        String action = p.string(event, "action", "action");
        if (action != null && action.length() > MAX_REASON) {
            p.tooLong("action", MAX_REASON);
        }
        String controller = p.string(event, reportingController, reportingController);
        if (controller != null && !controller.isEmpty()) {
            p.qualifiedName(reportingController, controller);
        }
    }

    /** core/v1: the object the event is about must be named, and live in the event's namespace. */
    static final class CoreEvents implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public List<FieldError> validateCreate(JsonObject event) {
            Problems p = new Problems();
            JsonObject involved = p.object(event, "involvedObject", "involvedObject");
            if (involved == null || involved.isEmpty()) {
                p.required("involvedObject");
            } else {
                String namespace = Objects.namespace(event);
                String involvedNamespace = p.string(involved, "namespace", "involvedObject.namespace");
                if (involvedNamespace != null && !involvedNamespace.isEmpty() && namespace != null
                        && !namespace.isEmpty() && !namespace.equals(involvedNamespace)) {
                    p.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace");
                }
            }
            validateCommon(event, "reportingComponent", p);
            p.nonNegative("count", p.int32(event, "count", "count"));
            return p.list();
        }

        @Override
        public Map<String, String> selectableFields(JsonObject event) {
            JsonObject involved = JsonFields.object(event, "involvedObject");
            Map<String, String> f = new LinkedHashMap<>();
            for (String field : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
                f.put("involvedObject." + field, JsonFields.stringOrEmpty(involved, field));
            }
            f.put("reason", JsonFields.stringOrEmpty(event, "reason"));
            f.put("reportingComponent", JsonFields.stringOrEmpty(event, "reportingComponent"));
            f.put("source", JsonFields.stringOrEmpty(JsonFields.object(event, "source"), "component"));
            f.put("type", JsonFields.stringOrEmpty(event, "type"));
            return f;
        }
    }

    /** events.k8s.io/v1: regarding and reportingController are optional, the note is short. */
    static final class NewEvents implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public List<FieldError> validateCreate(JsonObject event) {
            Problems p = new Problems();
            validateCommon(event, "reportingController", p);
            String note = p.string(event, "note", "note");
            if (note != null && note.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NOTE_BYTES) {
                p.tooLong("note", MAX_NOTE_BYTES);
            }
            JsonObject regarding = p.object(event, "regarding", "regarding");
            String namespace = Objects.namespace(event);
            String regardingNamespace = JsonFields.string(regarding, "namespace");
            if (regardingNamespace != null && !regardingNamespace.isEmpty() && namespace != null
                    && !namespace.isEmpty() && !namespace.equals(regardingNamespace)) {
                p.invalid("regarding.namespace", regardingNamespace, "does not match event.namespace");
            }
            return p.list();
        }
    }
}
