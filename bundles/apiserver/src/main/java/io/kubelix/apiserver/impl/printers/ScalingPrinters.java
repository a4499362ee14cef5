package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.UNKNOWN;
import static io.kubelix.apiserver.impl.printers.Cells.integer;
import static io.kubelix.apiserver.impl.printers.Cells.object;
import static io.kubelix.apiserver.impl.printers.Cells.objects;
import static io.kubelix.apiserver.impl.printers.Cells.scalar;
import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import java.util.ArrayList;
import java.util.List;

/** Horizontal pod autoscalers (autoscaling/v1 and v2) and pod disruption budgets. */
final class ScalingPrinters {
    /** kubectl shows this many metrics, then {@code + N more...}. */
    private static final int SHOWN_METRICS = 2;

    private ScalingPrinters() {
    }

    static KindTable horizontalPodAutoscalers() {
        return KindTable.of(Column.NAME,
                Column.text("Reference", "The scaled object, as Kind/name.", o -> Cells.orEmpty(str(o, "spec.scaleTargetRef.kind"))
                        + "/" + Cells.orEmpty(str(o, "spec.scaleTargetRef.name"))),
                Column.text("Targets", "Current and target value of each metric.", ScalingPrinters::targets),
                Column.text("MinPods", "The fewest replicas the autoscaler scales to.", o -> {
                    Long min = Cells.integerOrNull(Objects.path(o, "spec.minReplicas"));
                    return min == null ? Cells.UNSET : min.toString();
                }),
                Column.text("MaxPods", "The most replicas the autoscaler scales to.", o -> integer(o, "spec.maxReplicas", 0)),
                Column.text("Replicas", "The replicas the scaled object has now.",
                        o -> integer(o, "status.currentReplicas", 0)),
                Column.AGE);
    }

    /** {@code cpu: 40%/80%} for each metric, {@code <unknown>} for a current value not measured yet. */
    static String targets(JsonObject hpa) {
        if (Cells.present(hpa, "spec.targetCPUUtilizationPercentage")) { // autoscaling/v1
            Long target = Cells.integerOrNull(Objects.path(hpa, "spec.targetCPUUtilizationPercentage"));
            Long current = Cells.integerOrNull(Objects.path(hpa, "status.currentCPUUtilizationPercentage"));
            return "cpu: " + (current == null ? UNKNOWN : current + "%") + "/" + (target == null ? "<auto>" : target + "%");
        }
        List<JsonObject> specs = objects(hpa, "spec.metrics");
        if (specs.isEmpty()) {
            return Cells.NONE;
        }
        List<JsonObject> statuses = objects(hpa, "status.currentMetrics");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < specs.size() && shown.size() < SHOWN_METRICS; i++) {
            shown.add(metric(specs.get(i), i < statuses.size() ? statuses.get(i) : null));
        }
        String list = String.join(", ", shown);
        return specs.size() > SHOWN_METRICS ? list + " + " + (specs.size() - SHOWN_METRICS) + " more..." : list;
    }

    private static String metric(JsonObject spec, JsonObject status) {
        String type = Cells.orEmpty(str(spec, "type"));
        switch (type) {
            case "Resource", "ContainerResource": {
                String field = type.equals("Resource") ? "resource" : "containerResource";
                JsonObject source = object(spec, field);
                JsonObject current = status == null ? null : object(status, field + ".current");
                String name = Cells.orEmpty(str(source, "name"));
                String averageValue = scalar(source, "target.averageValue");
                if (averageValue != null) {
                    return name + ": " + orUnknown(scalar(current, "averageValue")) + "/" + averageValue;
                }
                Long currentUtilization = current == null ? null : Cells.integerOrNull(current.get("averageUtilization"));
                Long targetUtilization = Cells.integerOrNull(Objects.path(source, "target.averageUtilization"));
                return name + ": " + (currentUtilization == null ? UNKNOWN : currentUtilization + "%") + "/"
                        + (targetUtilization == null ? "<auto>" : targetUtilization + "%");
            }
            case "Pods":
                return orUnknown(status == null ? null : scalar(status, "pods.current.averageValue")) + "/"
                        + orUnknown(scalar(spec, "pods.target.averageValue"));
            case "Object", "External": {
                String field = type.equals("Object") ? "object" : "external";
                String averageValue = scalar(spec, field + ".target.averageValue");
                if (averageValue != null) {
                    return orUnknown(status == null ? null : scalar(status, field + ".current.averageValue")) + "/"
                            + averageValue + " (avg)";
                }
                return orUnknown(status == null ? null : scalar(status, field + ".current.value")) + "/"
                        + orUnknown(scalar(spec, field + ".target.value"));
            }
            default:
                return "<unknown type>";
        }
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }

    static KindTable podDisruptionBudgets() {
        return KindTable.of(Column.NAME,
                Column.text("Min Available", "Pods that must stay available during a disruption.",
                        o -> orNotApplicable(scalar(o, "spec.minAvailable"))),
                Column.text("Max Unavailable", "Pods that may be unavailable during a disruption.",
                        o -> orNotApplicable(scalar(o, "spec.maxUnavailable"))),
                Column.integer("Allowed Disruptions", "Pods that may be disrupted now.",
                        o -> integer(o, "status.disruptionsAllowed", 0)),
                Column.AGE);
    }

    private static String orNotApplicable(String value) {
        return value == null ? "N/A" : value;
    }
}
