package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;

/** apps/v1 ControllerRevision: an immutable snapshot of a workload's template, with a revision number. */
final class ControllerRevisionStrategy implements ResourceStrategy {
    @Override
    public List<String> specFields() {
        return List.of();
    }

    @Override
    public List<FieldError> validateCreate(JsonObject revision) {
        Problems p = new Problems();
        p.nonNegative("revision", p.integer(revision, "revision", "revision"));
        return p.list();
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject revision, JsonObject old) {
        Problems p = new Problems();
        p.addAll(validateCreate(revision));
        p.unchanged("data", revision.get("data"), old.get("data"));
        return p.list();
    }
}
