package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.selector.LabelSelector;
import java.util.List;
import java.util.Map;

/** Label selectors of workloads: validation against their template, and their canonical text. */
final class Selectors {
    static final String DOES_NOT_MATCH = "`selector` does not match template `labels`";

    private Selectors() {
    }

    /**
     * Checks a {@code metav1.LabelSelector} at {@code path} and that it selects the template labels.
     *
     * @param kind lower-case kind for the "empty selector" message ("deployment")
     */
    static void validateAgainstTemplate(JsonObject selector, String path, String kind, Map<String, String> templateLabels,
            String templateLabelsPath, Problems p) {
        if (selector == null) {
            p.required(path);
            return;
        }
        List<FieldError> errors = LabelSelector.validate(selector, path);
        p.addAll(errors);
        if (!errors.isEmpty()) {
            return;
        }
        LabelSelector parsed = LabelSelector.fromJson(selector);
        if (parsed.isEverything()) {
            p.invalid(path, JsonFields.shown(selector), "empty selector is invalid for " + kind);
        } else if (!parsed.matches(templateLabels)) {
            p.invalid(templateLabelsPath, showLabels(templateLabels), DOES_NOT_MATCH);
        }
    }

    static Object showLabels(Map<String, String> labels) {
        JsonObject o = new JsonObject();
        labels.forEach(o::addProperty);
        return JsonFields.shown(o);
    }

    /**
     * The canonical text of a label selector, as {@code kubectl get --selector} takes it and the
     * scale subresource reports it, for example {@code app=web,tier in (back,front)}. Null when the
     * selector is absent or invalid.
     */
    static String text(JsonObject selector) {
        if (selector == null) {
            return null;
        }
        try {
            return LabelSelector.fromJson(selector).toString();
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    /** The text of a plain map selector (ReplicationController): {@code a=1,b=2}. */
    static String text(Map<String, String> selector) {
        try {
            return LabelSelector.ofLabels(selector).toString();
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }
}
