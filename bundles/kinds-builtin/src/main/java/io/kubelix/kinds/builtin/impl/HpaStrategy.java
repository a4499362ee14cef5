package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;
import java.util.Map;

/**
 * HorizontalPodAutoscaler in autoscaling/v1 (a CPU utilization target) and autoscaling/v2
 * (a list of metrics and scaling behaviour). The two versions are stored apart for now: there is
 * no conversion between them.
 */
final class HpaStrategy implements ResourceStrategy {
    static final List<String> METRIC_TYPES = List.of("ContainerResource", "External", "Object", "Pods", "Resource");
    static final List<String> TARGET_TYPES = List.of("AverageValue", "Utilization", "Value");
    /** The field of a v2 metric that carries its source, by metric type. */
    private static final Map<String, String> SOURCE_FIELD = Map.of("Object", "object", "Pods", "pods",
            "Resource", "resource", "ContainerResource", "containerResource", "External", "external");

    private final boolean v2;

    private HpaStrategy(boolean v2) {
        this.v2 = v2;
    }

    static HpaStrategy v1() {
        return new HpaStrategy(false);
    }

    static HpaStrategy v2() {
        return new HpaStrategy(true);
    }

    @Override
    public void applyDefaults(JsonObject hpa) {
        JsonObject spec = JsonFields.object(hpa, "spec");
        if (spec == null) {
            return;
        }
        JsonFields.defaultNumber(spec, "minReplicas", 1);
        if (!v2) {
            return;
        }
        JsonArray metrics = JsonFields.array(spec, "metrics");
        if (metrics == null || metrics.isEmpty()) {
            // No metrics means "scale on 80% CPU", as in autoscaling/v1.
            JsonObject target = new JsonObject();
            target.addProperty("type", "Utilization");
            target.addProperty("averageUtilization", 80);
            JsonObject resource = new JsonObject();
            resource.addProperty("name", "cpu");
            resource.add("target", target);
            JsonObject metric = new JsonObject();
            metric.addProperty("type", "Resource");
            metric.add("resource", resource);
            JsonArray list = new JsonArray();
            list.add(metric);
            spec.add("metrics", list);
        }
        JsonObject behavior = JsonFields.object(spec, "behavior");
        if (behavior != null) {
            JsonObject up = JsonFields.objectForWrite(behavior, "scaleUp");
            if (up != null) {
                JsonFields.defaultNumber(up, "stabilizationWindowSeconds", 0);
                JsonFields.defaultString(up, "selectPolicy", "Max");
                if (!JsonFields.present(up, "policies")) {
                    JsonArray policies = new JsonArray();
                    policies.add(policy("Pods", 4, 15));
                    policies.add(policy("Percent", 100, 15));
                    up.add("policies", policies);
                }
            }
            JsonObject down = JsonFields.objectForWrite(behavior, "scaleDown");
            if (down != null) {
                JsonFields.defaultString(down, "selectPolicy", "Max");
                if (!JsonFields.present(down, "policies")) {
                    JsonArray policies = new JsonArray();
                    policies.add(policy("Percent", 100, 15));
                    down.add("policies", policies);
                }
            }
        }
    }

    private static JsonObject policy(String type, int value, int periodSeconds) {
        JsonObject p = new JsonObject();
        p.addProperty("type", type);
        p.addProperty("value", value);
        p.addProperty("periodSeconds", periodSeconds);
        return p;
    }

    @Override
    public List<FieldError> validateCreate(JsonObject hpa) {
        Problems p = new Problems();
        JsonObject spec = p.object(hpa, "spec", "spec");
        if (spec == null) {
            spec = new JsonObject();
        }
        JsonObject ref = p.object(spec, "scaleTargetRef", "spec.scaleTargetRef");
        if (p.stringOrEmpty(ref, "kind", "spec.scaleTargetRef.kind").isEmpty()) {
            p.required("spec.scaleTargetRef.kind");
        }
        String name = p.stringOrEmpty(ref, "name", "spec.scaleTargetRef.name");
        if (name.isEmpty()) {
            p.required("spec.scaleTargetRef.name");
        } else {
            RbacStrategies.pathSegmentName("spec.scaleTargetRef.name", name, p);
        }
        Long min = p.int32(spec, "minReplicas", "spec.minReplicas");
        Long max = p.int32(spec, "maxReplicas", "spec.maxReplicas");
        if (min != null && min < 1) {
            p.invalid("spec.minReplicas", min, "must be greater than or equal to 1");
        }
        if (max == null) {
            p.required("spec.maxReplicas");
        } else if (max < 1) {
            p.invalid("spec.maxReplicas", max, "must be greater than 0");
        } else if (min != null && min > max) {
            p.invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`");
        }
        if (v2) {
            validateMetrics(spec, p);
        } else {
            p.positive("spec.targetCPUUtilizationPercentage",
                    p.int32(spec, "targetCPUUtilizationPercentage", "spec.targetCPUUtilizationPercentage"));
        }
        return p.list();
    }

    private static void validateMetrics(JsonObject spec, Problems p) {
        List<JsonObject> metrics = p.objects(spec, "metrics", "spec.metrics");
        for (int i = 0; i < metrics.size(); i++) {
            String path = index("spec.metrics", i);
            String type = p.string(metrics.get(i), "type", child(path, "type"));
            p.oneOf(child(path, "type"), type, METRIC_TYPES);
            String field = SOURCE_FIELD.get(type);
            if (field == null) {
                continue;
            }
            JsonObject source = p.object(metrics.get(i), field, child(path, field));
            if (source == null) {
                p.required(child(path, field), "must populate information for the given metric source");
                continue;
            }
            String sPath = child(path, field);
            if (type.equals("Resource") || type.equals("ContainerResource")) {
                if (p.stringOrEmpty(source, "name", child(sPath, "name")).isEmpty()) {
                    p.required(child(sPath, "name"));
                }
            }
            if (type.equals("ContainerResource") && p.stringOrEmpty(source, "container", child(sPath, "container")).isEmpty()) {
                p.required(child(sPath, "container"));
            }
            JsonObject target = p.object(source, "target", child(sPath, "target"));
            if (target == null) {
                p.required(child(sPath, "target"));
                continue;
            }
            String tPath = child(sPath, "target");
            String targetType = p.string(target, "type", child(tPath, "type"));
            p.oneOf(child(tPath, "type"), targetType, TARGET_TYPES);
            p.positive(child(tPath, "averageUtilization"),
                    p.int32(target, "averageUtilization", child(tPath, "averageUtilization")));
            for (String q : List.of("value", "averageValue")) {
                if (JsonFields.present(target, q)) {
                    p.quantity(child(tPath, q), target.get(q));
                }
            }
        }
    }
}
