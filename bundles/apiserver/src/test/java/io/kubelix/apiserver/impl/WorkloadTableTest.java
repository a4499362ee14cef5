package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static io.kubelix.apiserver.impl.Tables.minutesAgo;
import static io.kubelix.apiserver.impl.Tables.wideHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTableTest {
    private static final String TEMPLATE = """
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [
              {"name": "web", "image": "nginx:1.27"}, {"name": "log", "image": "busybox"}]}}""";

    @Test
    void deploymentsShowReadyOutOfDesiredAndTheirTemplateWhenWide() {
        JsonObject table = Tables.print("apps", "v1", "deployments", """
                {"metadata": {"name": "web", "creationTimestamp": "%s"},
                 "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"},
                   "matchExpressions": [{"key": "tier", "operator": "In", "values": ["front", "back"]},
                                        {"key": "legacy", "operator": "DoesNotExist"}]}, %s},
                 "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}}"""
                .formatted(minutesAgo(15), TEMPLATE));
        assertEquals(List.of("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"),
                headers(table));
        assertEquals(List.of("Containers", "Images", "Selector"), wideHeaders(table));
        assertCell("2/3", table, "Ready");
        assertCell(3, table, "Up-to-date");
        assertCell(2, table, "Available");
        assertCell("15m", table, "Age");
        assertCell("web,log", table, "Containers");
        assertCell("nginx:1.27,busybox", table, "Images");
        assertCell("app=web,!legacy,tier in (back,front)", table, "Selector");
    }

    @Test
    void freshDeploymentWithoutStatusShowsZeros() {
        JsonObject table = Tables.print("apps", "v1", "deployments", """
                {"metadata": {"name": "web"}, "spec": {"replicas": 2, %s}}""".formatted(TEMPLATE));
        assertCell("0/2", table, "Ready");
        assertCell(0, table, "Available");
        assertCell("<none>", table, "Selector");
        assertCell("<unknown>", table, "Age");
    }

    @Test
    void replicaSetsAndControllersCountDesiredCurrentReady() {
        JsonObject rs = Tables.print("apps", "v1", "replicasets", """
                {"metadata": {"name": "web-5d4f"}, "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}, %s},
                 "status": {"replicas": 3, "readyReplicas": 1}}""".formatted(TEMPLATE));
        assertEquals(List.of("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"), headers(rs));
        assertEquals(List.of("Containers", "Images", "Selector"), wideHeaders(rs));
        assertCell(3, rs, "Desired");
        assertCell(3, rs, "Current");
        assertCell(1, rs, "Ready");
        assertCell("app=web", rs, "Selector");

        JsonObject rc = Tables.print("", "v1", "replicationcontrollers", """
                {"metadata": {"name": "old"}, "spec": {"replicas": 2, "selector": {"tier": "db", "app": "old"}, %s},
                 "status": {"replicas": 1}}""".formatted(TEMPLATE));
        assertEquals(headers(rs), headers(rc));
        assertCell(2, rc, "Desired");
        assertCell(1, rc, "Current");
        assertCell(0, rc, "Ready");
        assertCell("app=old,tier=db", rc, "Selector");
    }

    @Test
    void statefulSetsShowReadyOutOfDesired() {
        JsonObject table = Tables.print("apps", "v1", "statefulsets", """
                {"metadata": {"name": "db"}, "spec": {"replicas": 3, %s}, "status": {"readyReplicas": 3}}"""
                .formatted(TEMPLATE));
        assertEquals(List.of("Name", "Ready", "Age", "Containers", "Images"), headers(table));
        assertEquals(List.of("Containers", "Images"), wideHeaders(table));
        assertCell("3/3", table, "Ready");
        assertCell("web,log", table, "Containers");
    }

    @Test
    void daemonSetsShowScheduledCountsAndTheirNodeSelector() {
        JsonObject table = Tables.print("apps", "v1", "daemonsets", """
                {"metadata": {"name": "agent"}, "spec": {"selector": {"matchLabels": {"app": "agent"}},
                   "template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"},
                     "containers": [{"name": "agent", "image": "agent:2"}]}}},
                 "status": {"desiredNumberScheduled": 4, "currentNumberScheduled": 4, "numberReady": 3,
                   "updatedNumberScheduled": 2, "numberAvailable": 3}}""");
        assertEquals(List.of("Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age",
                "Containers", "Images", "Selector"), headers(table));
        assertEquals(List.of("Containers", "Images", "Selector"), wideHeaders(table));
        assertCell(4, table, "Desired");
        assertCell(3, table, "Ready");
        assertCell(2, table, "Up-to-date");
        assertCell("kubernetes.io/os=linux", table, "Node Selector");
        assertCell("app=agent", table, "Selector");
    }

    private static JsonObject job(String spec, String status) {
        return Tables.print("batch", "v1", "jobs", """
                {"metadata": {"name": "report"}, "spec": %s, "status": %s}""".formatted(spec, status));
    }

    @Test
    void jobsShowStatusCompletionsAndDuration() {
        String spec = """
                {"completions": 1, "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u1"}},
                 "template": {"spec": {"containers": [{"name": "report", "image": "report:1"}]}}}""";
        JsonObject complete = job(spec, """
                {"succeeded": 1, "startTime": "2026-01-01T10:00:00Z", "completionTime": "2026-01-01T10:05:00Z",
                 "conditions": [{"type": "Complete", "status": "True"}]}""");
        assertEquals(List.of("Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"),
                headers(complete));
        assertEquals(List.of("Containers", "Images", "Selector"), wideHeaders(complete));
        assertCell("Complete", complete, "Status");
        assertCell("1/1", complete, "Completions");
        assertCell("5m", complete, "Duration");
        assertCell("report", complete, "Containers");
        assertCell("batch.kubernetes.io/controller-uid=u1", complete, "Selector");

        assertCell("Failed", job(spec, """
                {"conditions": [{"type": "FailureTarget", "status": "True"}, {"type": "Failed", "status": "True"}]}"""), "Status");
        assertCell("Suspended", job(spec, "{\"conditions\": [{\"type\": \"Suspended\", \"status\": \"True\"}]}"), "Status");
        assertCell("Running", job(spec, "{\"conditions\": [{\"type\": \"Suspended\", \"status\": \"False\"}]}"), "Status");
        JsonObject running = job(spec, "{\"active\": 1, \"startTime\": \"%s\"}".formatted(minutesAgo(20)));
        assertCell("Running", running, "Status");
        assertCell("20m", running, "Duration");
        assertCell("", job(spec, "{}"), "Duration");
    }

    @Test
    void jobsWithoutCompletionsCountAgainstOneAndShowParallelism() {
        assertCell("0/1 of 3", job("{\"parallelism\": 3}", "{\"succeeded\": 0}"), "Completions");
        assertCell("2/1", job("{\"parallelism\": 1}", "{\"succeeded\": 2}"), "Completions");
        assertCell("2/5", job("{\"completions\": 5, \"parallelism\": 3}", "{\"succeeded\": 2}"), "Completions");
        assertCell("Terminating", Tables.print("batch", "v1", "jobs", """
                {"metadata": {"name": "j", "deletionTimestamp": "2026-01-01T00:00:00Z"}, "spec": {}}"""), "Status");
    }

    @Test
    void cronJobsShowScheduleSuspensionAndLastRun() {
        JsonObject table = Tables.print("batch", "v1", "cronjobs", """
                {"metadata": {"name": "nightly"}, "spec": {"schedule": "0 3 * * *", "suspend": false,
                   "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "backup", "image": "backup:3"}]}}}}},
                 "status": {"active": [{"name": "nightly-1"}], "lastScheduleTime": "%s"}}""".formatted(minutesAgo(45)));
        assertEquals(List.of("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers",
                "Images", "Selector"), headers(table));
        assertEquals(List.of("Containers", "Images", "Selector"), wideHeaders(table));
        assertCell("0 3 * * *", table, "Schedule");
        assertCell("<none>", table, "Timezone");
        assertCell("False", table, "Suspend");
        assertCell(1, table, "Active");
        assertCell("45m", table, "Last Schedule");
        assertCell("backup", table, "Containers");
        assertCell("<none>", table, "Selector");

        JsonObject fresh = Tables.print("batch", "v1", "cronjobs", """
                {"metadata": {"name": "n"}, "spec": {"schedule": "@hourly", "timeZone": "Europe/Paris"}}""");
        assertCell("Europe/Paris", fresh, "Timezone");
        assertCell("<unset>", fresh, "Suspend");
        assertCell(0, fresh, "Active");
        assertCell("<none>", fresh, "Last Schedule");
    }

    @Test
    void controllerRevisionsNameTheirControllingOwner() {
        JsonObject table = Tables.print("apps", "v1", "controllerrevisions", """
                {"metadata": {"name": "web-7c9", "ownerReferences": [
                   {"apiVersion": "v1", "kind": "Pod", "name": "other"},
                   {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "controller": true}]},
                 "revision": 4}""");
        assertEquals(List.of("Name", "Controller", "Revision", "Age"), headers(table));
        assertCell("statefulset.apps/web", table, "Controller");
        assertCell(4, table, "Revision");
        assertCell("<none>", Tables.print("apps", "v1", "controllerrevisions", "{\"metadata\": {\"name\": \"x\"}}"),
                "Controller");
    }
}
