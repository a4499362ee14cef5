package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;
import java.util.Map;

/**
 * Namespaces: names are DNS labels, new namespaces carry the "kubernetes" finalizer (which the
 * namespace controller removes once the contents are gone) and start Active.
 */
final class NamespaceStrategy implements ResourceStrategy {
    static final String FINALIZER = "kubernetes";

    @Override
    public boolean nameIsLabel() {
        return true;
    }

    @Override
    public void applyDefaults(JsonObject namespace) {
        JsonObject spec = JsonFields.objectForWrite(namespace, "spec");
        if (spec != null && !JsonFields.present(spec, "finalizers")) {
            JsonArray finalizers = new JsonArray();
            finalizers.add(FINALIZER);
            spec.add("finalizers", finalizers);
        }
        JsonFields.defaultString(JsonFields.objectForWrite(namespace, "status"), "phase", "Active");
    }

    @Override
    public List<FieldError> validateCreate(JsonObject namespace) {
        Problems p = new Problems();
        JsonObject spec = p.object(namespace, "spec", "spec");
        List<String> finalizers = p.strings(spec, "finalizers", "spec.finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            String f = finalizers.get(i);
            String path = Problems.index("spec.finalizers", i);
            p.qualifiedName(path, f);
            if (!f.contains("/") && !f.equals(FINALIZER)) {
                p.invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
        JsonObject status = p.object(namespace, "status", "status");
        p.optionalOneOf("status.phase", p.string(status, "phase", "status.phase"), List.of("Active", "Terminating"));
        return p.list();
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject namespace, JsonObject old) {
        Problems p = new Problems();
        p.addAll(validateCreate(namespace));
        Object before = JsonFields.object(old, "spec") == null ? null : JsonFields.object(old, "spec").get("finalizers");
        Object now = JsonFields.object(namespace, "spec") == null ? null
                : JsonFields.object(namespace, "spec").get("finalizers");
        if (!java.util.Objects.equals(before, now)) {
            p.forbidden("spec.finalizers", "may only be changed through the namespace's finalize subresource");
        }
        return p.list();
    }

    @Override
    public Map<String, String> selectableFields(JsonObject namespace) {
        return Map.of("status.phase", JsonFields.stringOrEmpty(JsonFields.object(namespace, "status"), "phase"));
    }
}
