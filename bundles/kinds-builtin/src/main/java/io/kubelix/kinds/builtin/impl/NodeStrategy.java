package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nodes: taints, scheduling flag, pod CIDRs. Most of a node is status, written by its kubelet. */
final class NodeStrategy implements ResourceStrategy {
    /** The node agent registers its node with the status it measured. */
    @Override
    public boolean resetsStatusOnCreate() {
        return false;
    }

    @Override
    public void applyDefaults(JsonObject node) {
        JsonObject status = JsonFields.object(node, "status");
        JsonObject capacity = JsonFields.object(status, "capacity");
        if (capacity != null && !JsonFields.present(status, "allocatable")) {
            status.add("allocatable", capacity.deepCopy());
        }
    }

    @Override
    public List<FieldError> validateCreate(JsonObject node) {
        Problems p = new Problems();
        JsonObject spec = p.object(node, "spec", "spec");
        p.bool(spec, "unschedulable", "spec.unschedulable");
        List<JsonObject> taints = p.objects(spec, "taints", "spec.taints");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            JsonObject t = taints.get(i);
            String path = index("spec.taints", i);
            String key = p.stringOrEmpty(t, "key", child(path, "key"));
            if (key.isEmpty()) {
                p.required(child(path, "key"));
            } else {
                p.qualifiedName(child(path, "key"), key);
            }
            String value = p.stringOrEmpty(t, "value", child(path, "value"));
            if (!value.isEmpty()) {
                p.labelValue(child(path, "value"), value);
            }
            String effect = p.string(t, "effect", child(path, "effect"));
            p.oneOf(child(path, "effect"), effect, PodTemplateRules.TAINT_EFFECTS);
            if (!seen.add(key + ":" + effect)) {
                p.duplicate(path, key + ":" + effect);
            }
        }
        String podCidr = p.string(spec, "podCIDR", "spec.podCIDR");
        if (podCidr != null && !podCidr.isEmpty() && !Net.isCidr(podCidr)) {
            p.invalid("spec.podCIDR", podCidr, "must be a valid CIDR, such as 10.244.0.0/24");
        }
        List<String> cidrs = p.strings(spec, "podCIDRs", "spec.podCIDRs");
        for (int i = 0; i < cidrs.size(); i++) {
            if (!Net.isCidr(cidrs.get(i))) {
                p.invalid(index("spec.podCIDRs", i), cidrs.get(i), "must be a valid CIDR, such as 10.244.0.0/24");
            }
        }
        p.string(spec, "providerID", "spec.providerID");
        return p.list();
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject node, JsonObject old) {
        Problems p = new Problems();
        p.addAll(validateCreate(node));
        JsonObject spec = JsonFields.object(node, "spec");
        JsonObject oldSpec = JsonFields.object(old, "spec");
        // Set once by whoever allocates them, then fixed.
        if (!JsonFields.strings(oldSpec, "podCIDRs").isEmpty()
                && !JsonFields.strings(oldSpec, "podCIDRs").equals(JsonFields.strings(spec, "podCIDRs"))) {
            p.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid");
        }
        String providerId = JsonFields.stringOrEmpty(oldSpec, "providerID");
        if (!providerId.isEmpty() && !providerId.equals(JsonFields.stringOrEmpty(spec, "providerID"))) {
            p.forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid");
        }
        return p.list();
    }

    @Override
    public Map<String, String> selectableFields(JsonObject node) {
        return Map.of("spec.unschedulable", String.valueOf(JsonFields.isTrue(JsonFields.object(node, "spec"), "unschedulable")));
    }
}
