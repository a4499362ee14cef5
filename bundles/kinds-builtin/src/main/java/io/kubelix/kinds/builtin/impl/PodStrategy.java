package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubelix.api.quantity.Quantity;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pods: pod spec defaults and rules, the initial status, and what an update may change. */
final class PodStrategy implements ResourceStrategy {
    static final String UPDATE_RULE = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations) and `spec.nodeName` (only when unset)";

    @Override
    public void applyDefaults(JsonObject pod) {
        JsonObject spec = JsonFields.object(pod, "spec");
        PodTemplateRules.defaultPodSpec(spec);
        PodTemplateRules.defaultPodOnly(spec);
        JsonObject status = JsonFields.objectForWrite(pod, "status");
        if (status != null) {
            JsonFields.defaultString(status, "phase", "Pending");
            if (!JsonFields.present(status, "qosClass") && spec != null) {
                String qos = qosClass(spec);
                if (qos != null) {
                    status.addProperty("qosClass", qos);
                }
            }
        }
    }

    @Override
    public List<FieldError> validateCreate(JsonObject pod) {
        Problems p = new Problems();
        validate(pod, p);
        return p.list();
    }

    private static void validate(JsonObject pod, Problems p) {
        JsonObject spec = p.object(pod, "spec", "spec");
        PodTemplateRules.validatePodSpec(spec == null ? new JsonObject() : spec, "spec", true, p);
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject pod, JsonObject old) {
        Problems p = new Problems();
        validate(pod, p);
        JsonObject newSpec = JsonFields.object(pod, "spec");
        JsonObject oldSpec = JsonFields.object(old, "spec");
        if (newSpec == null || oldSpec == null) {
            return p.list();
        }
        Long oldDeadline = JsonFields.integer(oldSpec, "activeDeadlineSeconds");
        Long newDeadline = JsonFields.integer(newSpec, "activeDeadlineSeconds");
        if (oldDeadline != null && newDeadline == null) {
            p.invalid("spec.activeDeadlineSeconds", "null", "must not update from a positive integer to nil value");
        } else if (oldDeadline != null && newDeadline > oldDeadline) {
            p.invalid("spec.activeDeadlineSeconds", newDeadline, "must be less than or equal to previous value");
        }
        if (!keepsTolerations(oldSpec, newSpec)) {
            p.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds");
        }

        // Copy what may change from the new spec onto the old one: anything still different is forbidden.
        JsonObject allowed = oldSpec.deepCopy();
        for (String list : List.of("containers", "initContainers")) {
            JsonArray before = JsonFields.array(allowed, list);
            JsonArray after = JsonFields.array(newSpec, list);
            if (before != null && after != null && before.size() == after.size()) {
                for (int i = 0; i < before.size(); i++) {
                    if (before.get(i).isJsonObject() && after.get(i).isJsonObject()
                            && after.get(i).getAsJsonObject().has("image")) {
                        before.get(i).getAsJsonObject().add("image", after.get(i).getAsJsonObject().get("image"));
                    }
                }
            }
        }
        copyField(newSpec, allowed, "activeDeadlineSeconds");
        copyField(newSpec, allowed, "tolerations");
        // No binding subresource yet: a scheduler binds by setting nodeName once.
        if (JsonFields.stringOrEmpty(oldSpec, "nodeName").isEmpty()) {
            copyField(newSpec, allowed, "nodeName");
        }
        String changed = JsonFields.firstDifference(allowed, newSpec, "spec");
        if (changed != null) {
            p.forbidden("spec", UPDATE_RULE + " (changed: " + changed + ")");
        }
        return p.list();
    }

    private static void copyField(JsonObject from, JsonObject to, String field) {
        if (from.has(field)) {
            to.add(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    // Existing tolerations must all still be there; only tolerationSeconds may change.
    private static boolean keepsTolerations(JsonObject oldSpec, JsonObject newSpec) {
        List<JsonObject> after = JsonFields.objects(newSpec, "tolerations").stream().map(PodStrategy::withoutSeconds).toList();
        for (JsonObject t : JsonFields.objects(oldSpec, "tolerations")) {
            if (!after.contains(withoutSeconds(t))) {
                return false;
            }
        }
        return true;
    }

    private static JsonObject withoutSeconds(JsonObject toleration) {
        JsonObject copy = toleration.deepCopy();
        copy.remove("tolerationSeconds");
        return copy;
    }

    @Override
    public Map<String, String> selectableFields(JsonObject pod) {
        Map<String, String> f = new LinkedHashMap<>();
        JsonObject spec = JsonFields.object(pod, "spec");
        JsonObject status = JsonFields.object(pod, "status");
        f.put("spec.nodeName", JsonFields.stringOrEmpty(spec, "nodeName"));
        f.put("spec.restartPolicy", JsonFields.stringOrEmpty(spec, "restartPolicy"));
        f.put("spec.schedulerName", JsonFields.stringOrEmpty(spec, "schedulerName"));
        f.put("spec.serviceAccountName", JsonFields.stringOrEmpty(spec, "serviceAccountName"));
        f.put("spec.hostNetwork", String.valueOf(JsonFields.isTrue(spec, "hostNetwork")));
        f.put("status.phase", JsonFields.stringOrEmpty(status, "phase"));
        f.put("status.podIP", JsonFields.stringOrEmpty(status, "podIP"));
        f.put("status.nominatedNodeName", JsonFields.stringOrEmpty(status, "nominatedNodeName"));
        return f;
    }

    /**
     * The quality-of-service class: Guaranteed when every container limits cpu and memory and
     * requests exactly that, BestEffort when no container requests or limits either, otherwise
     * Burstable. Null when a quantity does not parse (validation reports it).
     */
    static String qosClass(JsonObject spec) {
        boolean any = false;
        boolean guaranteed = true;
        try {
            for (String list : List.of("initContainers", "containers")) {
                for (JsonObject c : JsonFields.objects(spec, list)) {
                    JsonObject resources = JsonFields.object(c, "resources");
                    JsonObject limits = JsonFields.object(resources, "limits");
                    JsonObject requests = JsonFields.object(resources, "requests");
                    for (String r : List.of("cpu", "memory")) {
                        Quantity limit = nonZero(limits, r);
                        Quantity request = nonZero(requests, r);
                        any |= limit != null || request != null;
                        if (limit == null || (request != null && request.compareTo(limit) != 0)) {
                            guaranteed = false;
                        }
                    }
                }
            }
        } catch (IllegalArgumentException badQuantity) {
            return null;
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static Quantity nonZero(JsonObject list, String name) {
        String text = list == null ? null : JsonFields.scalarText(list.get(name));
        if (text == null) {
            return null;
        }
        Quantity q = Quantity.parse(text);
        return q.value().signum() == 0 ? null : q;
    }
}
