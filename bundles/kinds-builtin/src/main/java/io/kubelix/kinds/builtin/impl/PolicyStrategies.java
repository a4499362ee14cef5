package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.selector.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * Scheduling and disruption policy: PodDisruptionBudget (policy/v1), PriorityClass
 * (scheduling.k8s.io/v1) and RuntimeClass (node.k8s.io/v1).
 */
final class PolicyStrategies {
    /** The highest priority a user-defined PriorityClass may have; higher ones are for the system. */
    static final long HIGHEST_USER_PRIORITY = 1_000_000_000L;
    static final Map<String, Long> SYSTEM_PRIORITY_CLASSES = Map.of(
            "system-cluster-critical", 2_000_000_000L,
            "system-node-critical", 2_000_001_000L);

    private PolicyStrategies() {
    }

    // ------------------------------------------------------------------ PodDisruptionBudget

    static final class PodDisruptionBudgets implements ResourceStrategy {
        @Override
        public List<FieldError> validateCreate(JsonObject pdb) {
            Problems p = new Problems();
            JsonObject spec = p.object(pdb, "spec", "spec");
            if (spec == null) {
                return p.list();
            }
            boolean min = JsonFields.present(spec, "minAvailable");
            boolean max = JsonFields.present(spec, "maxUnavailable");
            if (min && max) {
                p.invalid("spec", new JsonFields.Shown("{...}"), "minAvailable and maxUnavailable cannot be both set");
            }
            for (String field : List.of("minAvailable", "maxUnavailable")) {
                Problems.IntOrPercent v = p.intOrPercent("spec." + field, spec.get(field));
                if (v != null && v.percent() && v.value() > 100) {
                    p.invalid("spec." + field, v.value() + "%", "must not be greater than 100%");
                }
            }
            JsonObject selector = p.object(spec, "selector", "spec.selector");
            if (selector != null) {
                p.addAll(LabelSelector.validate(selector, "spec.selector"));
            }
            p.optionalOneOf("spec.unhealthyPodEvictionPolicy",
                    p.string(spec, "unhealthyPodEvictionPolicy", "spec.unhealthyPodEvictionPolicy"),
                    List.of("IfHealthyBudget", "AlwaysAllow"));
            return p.list();
        }
    }

    // ------------------------------------------------------------------ PriorityClass

    static final class PriorityClasses implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public void applyDefaults(JsonObject priorityClass) {
            JsonFields.defaultString(priorityClass, "preemptionPolicy", "PreemptLowerPriority");
        }

        @Override
        public List<FieldError> validateCreate(JsonObject priorityClass) {
            Problems p = new Problems();
            String name = Objects.name(priorityClass);
            Long value = p.int32(priorityClass, "value", "value");
            if (!JsonFields.present(priorityClass, "value")) {
                p.required("value");
            }
            Long systemValue = name == null ? null : SYSTEM_PRIORITY_CLASSES.get(name);
            if (systemValue != null) {
                if (value != null && !value.equals(systemValue)) {
                    p.invalid("value", value, "the value of " + name + " must be " + systemValue);
                }
            } else {
                if (name != null && name.startsWith("system-")) {
                    p.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved");
                }
                if (value != null && value > HIGHEST_USER_PRIORITY) {
                    p.forbidden("value", "maximum allowed value of a user defined priority is " + HIGHEST_USER_PRIORITY);
                }
            }
            p.bool(priorityClass, "globalDefault", "globalDefault");
            p.optionalOneOf("preemptionPolicy", p.string(priorityClass, "preemptionPolicy", "preemptionPolicy"),
                    List.of("PreemptLowerPriority", "Never"));
            p.string(priorityClass, "description", "description");
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject priorityClass, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(priorityClass));
            if (!java.util.Objects.equals(JsonFields.integer(priorityClass, "value"), JsonFields.integer(old, "value"))) {
                p.forbidden("value", "may not be changed in an update.");
            }
            p.unchanged("preemptionPolicy", priorityClass.get("preemptionPolicy"), old.get("preemptionPolicy"));
            return p.list();
        }
    }

    // ------------------------------------------------------------------ RuntimeClass

    static final class RuntimeClasses implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public List<FieldError> validateCreate(JsonObject runtimeClass) {
            Problems p = new Problems();
            String handler = p.stringOrEmpty(runtimeClass, "handler", "handler");
            if (handler.isEmpty()) {
                p.required("handler");
            } else {
                p.dns1123Label("handler", handler);
            }
            JsonObject overhead = p.object(runtimeClass, "overhead", "overhead");
            p.resourceList(overhead, "podFixed", "overhead.podFixed");
            JsonObject scheduling = p.object(runtimeClass, "scheduling", "scheduling");
            p.labelsAt(scheduling, "nodeSelector", "scheduling.nodeSelector");
            PodTemplateRules.validateTolerations(scheduling, "scheduling.tolerations", p);
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject runtimeClass, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(runtimeClass));
            p.unchanged("handler", runtimeClass.get("handler"), old.get("handler"));
            return p.list();
        }
    }
}
