package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTableTest {
    private static JsonObject hpaV2(String metrics, String currentMetrics) {
        return Tables.print("autoscaling", "v2", "horizontalpodautoscalers", """
                {"metadata": {"name": "web"}, "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                   "minReplicas": 2, "maxReplicas": 10, "metrics": %s},
                 "status": {"currentReplicas": 4, "currentMetrics": %s}}""".formatted(metrics, currentMetrics));
    }

    private static final String CPU_80 = """
            {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}""";

    @Test
    void autoscalersShowTargetAndCurrentOfEachMetric() {
        JsonObject table = hpaV2("[" + CPU_80 + "]", """
                [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 40, "averageValue": "120m"}}}]""");
        assertEquals(List.of("Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"), headers(table));
        assertCell("Deployment/web", table, "Reference");
        assertCell("cpu: 40%/80%", table, "Targets");
        assertCell("2", table, "MinPods");
        assertCell(10, table, "MaxPods");
        assertCell(4, table, "Replicas");
    }

    @Test
    void unmeasuredMetricsAreUnknownAndMoreThanTwoAreCounted() {
        assertCell("cpu: <unknown>/80%", hpaV2("[" + CPU_80 + "]", "[]"), "Targets");
        JsonObject table = hpaV2("""
                [%s,
                 {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "500Mi"}}},
                 {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "100"}}}]"""
                .formatted(CPU_80), """
                [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 55}}},
                 {"type": "Resource", "resource": {"name": "memory", "current": {"averageValue": "310Mi"}}}]""");
        assertCell("cpu: 55%/80%, memory: 310Mi/500Mi + 1 more...", table, "Targets");
        assertCell("<unknown>/100, 7/10 (avg)", hpaV2("""
                [{"type": "Pods", "pods": {"target": {"averageValue": "100"}}},
                 {"type": "External", "external": {"target": {"type": "AverageValue", "averageValue": "10"}}}]""", """
                [{"type": "Pods"}, {"type": "External", "external": {"current": {"averageValue": "7"}}}]"""), "Targets");
        assertCell("<none>", hpaV2("[]", "[]"), "Targets");
    }

    @Test
    void autoscalingV1ShowsItsCpuTargetAndUnsetMinimum() {
        JsonObject table = Tables.print("autoscaling", "v1", "horizontalpodautoscalers", """
                {"metadata": {"name": "web"}, "spec": {"scaleTargetRef": {"kind": "StatefulSet", "name": "db"},
                   "maxReplicas": 5, "targetCPUUtilizationPercentage": 70},
                 "status": {"currentReplicas": 1, "currentCPUUtilizationPercentage": 12}}""");
        assertCell("StatefulSet/db", table, "Reference");
        assertCell("cpu: 12%/70%", table, "Targets");
        assertCell("<unset>", table, "MinPods");
    }

    @Test
    void disruptionBudgetsShowTheirBoundAndAllowedDisruptions() {
        JsonObject table = Tables.print("policy", "v1", "poddisruptionbudgets", """
                {"metadata": {"name": "web"}, "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "web"}}},
                 "status": {"disruptionsAllowed": 1}}""");
        assertEquals(List.of("Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"), headers(table));
        assertCell("2", table, "Min Available");
        assertCell("N/A", table, "Max Unavailable");
        assertCell(1, table, "Allowed Disruptions");
        JsonObject percent = Tables.print("policy", "v1", "poddisruptionbudgets", """
                {"metadata": {"name": "db"}, "spec": {"maxUnavailable": "25%"}}""");
        assertCell("N/A", percent, "Min Available");
        assertCell("25%", percent, "Max Unavailable");
        assertCell(0, percent, "Allowed Disruptions");
    }
}
