package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;
import java.util.Map;

/**
 * The replicated workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet (apps/v1) and
 * ReplicationController (core/v1). All carry a pod template that must restart Always and a
 * selector that must select it.
 */
final class WorkloadStrategies {
    private WorkloadStrategies() {
    }

    // ------------------------------------------------------------------ shared parts

    /** Replica count, selector, template: what every apps/v1 workload checks. */
    private static void validateCommon(JsonObject spec, String kind, Problems p) {
        p.nonNegative("spec.replicas", p.int32(spec, "replicas", "spec.replicas"));
        p.nonNegative("spec.minReadySeconds", p.int32(spec, "minReadySeconds", "spec.minReadySeconds"));
        p.nonNegative("spec.revisionHistoryLimit", p.int32(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit"));
        JsonObject template = p.object(spec, "template", "spec.template");
        JsonObject selector = p.object(spec, "selector", "spec.selector");
        Selectors.validateAgainstTemplate(selector, "spec.selector", kind, PodTemplateRules.templateLabels(template),
                "spec.template.metadata.labels", p);
        validateTemplate(template, p);
    }

    /** A workload's pods run for ever: the template may only restart Always. */
    private static void validateTemplate(JsonObject template, Problems p) {
        PodTemplateRules.validateTemplate(template, "spec.template", p);
        String restart = JsonFields.string(JsonFields.object(template, "spec"), "restartPolicy");
        if (restart != null && !restart.equals("Always") && PodTemplateRules.RESTART_POLICIES.contains(restart)) {
            p.notSupported("spec.template.spec.restartPolicy", restart, List.of("Always"));
        }
    }

    private static JsonObject spec(JsonObject object, Problems p) {
        JsonObject spec = p.object(object, "spec", "spec");
        return spec == null ? new JsonObject() : spec;
    }

    private static void selectorUnchanged(JsonObject object, JsonObject old, Problems p) {
        JsonElement now = JsonFields.object(JsonFields.object(object, "spec"), "selector");
        JsonElement before = JsonFields.object(JsonFields.object(old, "spec"), "selector");
        if (!java.util.Objects.equals(now, before)) {
            p.immutable("spec.selector", JsonFields.shown(now));
        }
    }

    /**
     * maxUnavailable and maxSurge of a rolling update: integers or percentages, at most 100% for
     * maxUnavailable, not both zero.
     */
    private static void validateRollingUpdate(JsonObject rollingUpdate, String path, Problems p) {
        if (rollingUpdate == null) {
            return;
        }
        String unavailablePath = Problems.child(path, "maxUnavailable");
        String surgePath = Problems.child(path, "maxSurge");
        Problems.IntOrPercent unavailable = p.intOrPercent(unavailablePath, rollingUpdate.get("maxUnavailable"));
        Problems.IntOrPercent surge = p.intOrPercent(surgePath, rollingUpdate.get("maxSurge"));
        if (unavailable != null && unavailable.percent() && unavailable.value() > 100) {
            p.invalid(unavailablePath, unavailable.value() + "%", "must not be greater than 100%");
        }
        if (unavailable != null && unavailable.isZero() && surge != null && surge.isZero()) {
            p.invalid(unavailablePath, JsonFields.shown(rollingUpdate.get("maxUnavailable")),
                    "may not be 0 when `maxSurge` is 0");
        }
    }

    /** The status.replicas field selector of ReplicaSets and ReplicationControllers. */
    private static Map<String, String> replicasField(JsonObject object) {
        Long replicas = JsonFields.integer(JsonFields.object(object, "status"), "replicas");
        return Map.of("status.replicas", String.valueOf(replicas == null ? 0 : replicas));
    }

    private static String selectorText(JsonObject object) {
        return Selectors.text(JsonFields.object(JsonFields.object(object, "spec"), "selector"));
    }

    // ------------------------------------------------------------------ Deployment

    static final class Deployments implements ResourceStrategy {
        static final List<String> STRATEGY_TYPES = List.of("Recreate", "RollingUpdate");

        @Override
        public void applyDefaults(JsonObject deployment) {
            JsonObject spec = JsonFields.object(deployment, "spec");
            if (spec == null) {
                return;
            }
            JsonFields.defaultNumber(spec, "replicas", 1);
            JsonObject strategy = JsonFields.defaultObject(spec, "strategy");
            if (strategy != null) {
                JsonFields.defaultString(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(JsonFields.string(strategy, "type"))) {
                    JsonObject rolling = JsonFields.defaultObject(strategy, "rollingUpdate");
                    JsonFields.defaultString(rolling, "maxUnavailable", "25%");
                    JsonFields.defaultString(rolling, "maxSurge", "25%");
                }
            }
            JsonFields.defaultNumber(spec, "revisionHistoryLimit", 10);
            JsonFields.defaultNumber(spec, "progressDeadlineSeconds", 600);
            PodTemplateRules.defaultTemplate(JsonFields.object(spec, "template"));
        }

        @Override
        public List<FieldError> validateCreate(JsonObject deployment) {
            Problems p = new Problems();
            validate(deployment, p);
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject deployment, JsonObject old) {
            Problems p = new Problems();
            validate(deployment, p);
            selectorUnchanged(deployment, old, p);
            return p.list();
        }

        private static void validate(JsonObject deployment, Problems p) {
            JsonObject spec = spec(deployment, p);
            validateCommon(spec, "deployment", p);
            JsonObject strategy = p.object(spec, "strategy", "spec.strategy");
            if (strategy != null) {
                String type = p.string(strategy, "type", "spec.strategy.type");
                p.oneOf("spec.strategy.type", type, STRATEGY_TYPES);
                JsonObject rolling = p.object(strategy, "rollingUpdate", "spec.strategy.rollingUpdate");
                if ("Recreate".equals(type) && rolling != null) {
                    p.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
                } else {
                    validateRollingUpdate(rolling, "spec.strategy.rollingUpdate", p);
                }
            }
            Long deadline = p.int32(spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds");
            p.nonNegative("spec.progressDeadlineSeconds", deadline);
            Long minReady = JsonFields.integer(spec, "minReadySeconds");
            if (deadline != null && minReady != null && deadline <= minReady) {
                p.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds");
            }
            p.bool(spec, "paused", "spec.paused");
        }

        @Override
        public String scaleSelector(JsonObject deployment) {
            return selectorText(deployment);
        }
    }

    // ------------------------------------------------------------------ ReplicaSet

    static final class ReplicaSets implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject replicaSet) {
            JsonObject spec = JsonFields.object(replicaSet, "spec");
            JsonFields.defaultNumber(spec, "replicas", 1);
            PodTemplateRules.defaultTemplate(JsonFields.object(spec, "template"));
        }

        @Override
        public List<FieldError> validateCreate(JsonObject replicaSet) {
            Problems p = new Problems();
            validateCommon(spec(replicaSet, p), "replicaset", p);
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject replicaSet, JsonObject old) {
            Problems p = new Problems();
            validateCommon(spec(replicaSet, p), "replicaset", p);
            selectorUnchanged(replicaSet, old, p);
            return p.list();
        }

        @Override
        public Map<String, String> selectableFields(JsonObject replicaSet) {
            return replicasField(replicaSet);
        }

        @Override
        public String scaleSelector(JsonObject replicaSet) {
            return selectorText(replicaSet);
        }
    }

    // ------------------------------------------------------------------ StatefulSet

    static final class StatefulSets implements ResourceStrategy {
        /** What a StatefulSet update may change; the rest of its spec is fixed at creation. */
        static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
                "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

        @Override
        public void applyDefaults(JsonObject statefulSet) {
            JsonObject spec = JsonFields.object(statefulSet, "spec");
            if (spec == null) {
                return;
            }
            JsonFields.defaultNumber(spec, "replicas", 1);
            JsonFields.defaultString(spec, "podManagementPolicy", "OrderedReady");
            JsonObject strategy = JsonFields.defaultObject(spec, "updateStrategy");
            if (strategy != null) {
                JsonFields.defaultString(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(JsonFields.string(strategy, "type"))) {
                    JsonFields.defaultNumber(JsonFields.defaultObject(strategy, "rollingUpdate"), "partition", 0);
                }
            }
            JsonFields.defaultNumber(spec, "revisionHistoryLimit", 10);
            JsonObject retention = JsonFields.defaultObject(spec, "persistentVolumeClaimRetentionPolicy");
            JsonFields.defaultString(retention, "whenDeleted", "Retain");
            JsonFields.defaultString(retention, "whenScaled", "Retain");
            PodTemplateRules.defaultTemplate(JsonFields.object(spec, "template"));
            for (JsonObject claim : JsonFields.objects(spec, "volumeClaimTemplates")) {
                StorageStrategies.defaultClaimSpec(JsonFields.object(claim, "spec"));
            }
        }

        @Override
        public List<FieldError> validateCreate(JsonObject statefulSet) {
            Problems p = new Problems();
            validate(statefulSet, p);
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject statefulSet, JsonObject old) {
            Problems p = new Problems();
            validate(statefulSet, p);
            JsonObject now = JsonFields.object(statefulSet, "spec");
            JsonObject before = JsonFields.object(old, "spec");
            if (now != null && before != null) {
                JsonObject a = now.deepCopy();
                JsonObject b = before.deepCopy();
                MUTABLE.forEach(a::remove);
                MUTABLE.forEach(b::remove);
                if (!a.equals(b)) {
                    p.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                            + "'template', 'updateStrategy', 'revisionHistoryLimit', "
                            + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
                }
            }
            return p.list();
        }

        private static void validate(JsonObject statefulSet, Problems p) {
            JsonObject spec = spec(statefulSet, p);
            validateCommon(spec, "statefulset", p);
            p.oneOf("spec.podManagementPolicy", p.string(spec, "podManagementPolicy", "spec.podManagementPolicy"),
                    List.of("OrderedReady", "Parallel"));
            p.string(spec, "serviceName", "spec.serviceName");
            JsonObject strategy = p.object(spec, "updateStrategy", "spec.updateStrategy");
            if (strategy != null) {
                String type = p.string(strategy, "type", "spec.updateStrategy.type");
                p.oneOf("spec.updateStrategy.type", type, List.of("RollingUpdate", "OnDelete"));
                JsonObject rolling = p.object(strategy, "rollingUpdate", "spec.updateStrategy.rollingUpdate");
                if ("OnDelete".equals(type) && rolling != null) {
                    p.invalid("spec.updateStrategy.rollingUpdate", JsonFields.shown(rolling),
                            "only allowed for updateStrategy 'RollingUpdate'");
                } else if (rolling != null) {
                    p.nonNegative("spec.updateStrategy.rollingUpdate.partition",
                            p.int32(rolling, "partition", "spec.updateStrategy.rollingUpdate.partition"));
                    Problems.IntOrPercent max = p.intOrPercent("spec.updateStrategy.rollingUpdate.maxUnavailable",
                            rolling.get("maxUnavailable"));
                    if (max != null && max.isZero()) {
                        p.invalid("spec.updateStrategy.rollingUpdate.maxUnavailable",
                                JsonFields.shown(rolling.get("maxUnavailable")), "must be greater than 0");
                    }
                }
            }
            JsonObject retention = p.object(spec, "persistentVolumeClaimRetentionPolicy",
                    "spec.persistentVolumeClaimRetentionPolicy");
            for (String when : List.of("whenDeleted", "whenScaled")) {
                String path = "spec.persistentVolumeClaimRetentionPolicy." + when;
                p.optionalOneOf(path, p.string(retention, when, path), List.of("Retain", "Delete"));
            }
            JsonObject ordinals = p.object(spec, "ordinals", "spec.ordinals");
            p.nonNegative("spec.ordinals.start", p.int32(ordinals, "start", "spec.ordinals.start"));
            List<JsonObject> claims = p.objects(spec, "volumeClaimTemplates", "spec.volumeClaimTemplates");
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < claims.size(); i++) {
                String path = index("spec.volumeClaimTemplates", i);
                String name = Objects.name(claims.get(i));
                if (name == null || name.isEmpty()) {
                    p.required(path + ".metadata.name");
                } else {
                    p.dns1123Subdomain(path + ".metadata.name", name);
                    if (!names.add(name)) {
                        p.duplicate(path + ".metadata.name", name);
                    }
                }
                JsonObject claimSpec = p.object(claims.get(i), "spec", path + ".spec");
                StorageStrategies.validateClaimSpec(claimSpec == null ? new JsonObject() : claimSpec, path + ".spec", p);
            }
        }

        @Override
        public String scaleSelector(JsonObject statefulSet) {
            return selectorText(statefulSet);
        }
    }

    // ------------------------------------------------------------------ DaemonSet

    static final class DaemonSets implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject daemonSet) {
            JsonObject spec = JsonFields.object(daemonSet, "spec");
            if (spec == null) {
                return;
            }
            JsonObject strategy = JsonFields.defaultObject(spec, "updateStrategy");
            if (strategy != null) {
                JsonFields.defaultString(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(JsonFields.string(strategy, "type"))) {
                    JsonObject rolling = JsonFields.defaultObject(strategy, "rollingUpdate");
                    JsonFields.defaultNumber(rolling, "maxUnavailable", 1);
                    JsonFields.defaultNumber(rolling, "maxSurge", 0);
                }
            }
            JsonFields.defaultNumber(spec, "revisionHistoryLimit", 10);
            PodTemplateRules.defaultTemplate(JsonFields.object(spec, "template"));
        }

        @Override
        public List<FieldError> validateCreate(JsonObject daemonSet) {
            Problems p = new Problems();
            validate(daemonSet, p);
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject daemonSet, JsonObject old) {
            Problems p = new Problems();
            validate(daemonSet, p);
            selectorUnchanged(daemonSet, old, p);
            return p.list();
        }

        private static void validate(JsonObject daemonSet, Problems p) {
            JsonObject spec = spec(daemonSet, p);
            if (JsonFields.present(spec, "replicas")) {
                p.forbidden("spec.replicas", "a DaemonSet runs one pod per eligible node and has no replica count");
            }
            JsonObject withoutReplicas = spec.deepCopy();
            withoutReplicas.remove("replicas");
            validateCommon(withoutReplicas, "daemonset", p);
            JsonObject strategy = p.object(spec, "updateStrategy", "spec.updateStrategy");
            if (strategy != null) {
                String type = p.string(strategy, "type", "spec.updateStrategy.type");
                p.oneOf("spec.updateStrategy.type", type, List.of("RollingUpdate", "OnDelete"));
                JsonObject rolling = p.object(strategy, "rollingUpdate", "spec.updateStrategy.rollingUpdate");
                if ("RollingUpdate".equals(type)) {
                    validateRollingUpdate(rolling, "spec.updateStrategy.rollingUpdate", p);
                }
            }
        }
    }

    // ------------------------------------------------------------------ ReplicationController

    /** core/v1 ReplicationController: a plain map selector, defaulted from the template labels. */
    static final class ReplicationControllers implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject controller) {
            JsonObject spec = JsonFields.object(controller, "spec");
            if (spec == null) {
                return;
            }
            JsonFields.defaultNumber(spec, "replicas", 1);
            JsonObject template = JsonFields.object(spec, "template");
            JsonObject templateLabels = JsonFields.object(JsonFields.object(template, "metadata"), "labels");
            if (templateLabels != null && !templateLabels.isEmpty()) {
                JsonObject selector = JsonFields.object(spec, "selector");
                if (selector == null || selector.isEmpty()) {
                    spec.add("selector", templateLabels.deepCopy());
                }
                JsonObject metadata = Objects.metadataForWrite(controller);
                JsonObject labels = JsonFields.object(metadata, "labels");
                if (labels == null || labels.isEmpty()) {
                    metadata.add("labels", templateLabels.deepCopy());
                }
            }
            PodTemplateRules.defaultTemplate(template);
        }

        @Override
        public List<FieldError> validateCreate(JsonObject controller) {
            Problems p = new Problems();
            JsonObject spec = spec(controller, p);
            p.nonNegative("spec.replicas", p.int32(spec, "replicas", "spec.replicas"));
            p.nonNegative("spec.minReadySeconds", p.int32(spec, "minReadySeconds", "spec.minReadySeconds"));
            Map<String, String> selector = p.stringMap(spec, "selector", "spec.selector");
            if (selector.isEmpty()) {
                p.required("spec.selector");
            } else {
                p.labels("spec.selector", selector);
            }
            JsonObject template = p.object(spec, "template", "spec.template");
            if (template == null) {
                p.required("spec.template");
                return p.list();
            }
            Map<String, String> labels = PodTemplateRules.templateLabels(template);
            if (!selector.isEmpty() && !labels.entrySet().containsAll(selector.entrySet())) {
                p.invalid("spec.template.metadata.labels", Selectors.showLabels(labels), Selectors.DOES_NOT_MATCH);
            }
            validateTemplate(template, p);
            return p.list();
        }

        @Override
        public Map<String, String> selectableFields(JsonObject controller) {
            return replicasField(controller);
        }

        @Override
        public String scaleSelector(JsonObject controller) {
            return Selectors.text(JsonFields.stringMap(JsonFields.object(controller, "spec"), "selector"));
        }
    }
}
