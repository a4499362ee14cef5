package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static io.kubelix.apiserver.impl.Tables.minutesAgo;
import static io.kubelix.apiserver.impl.Tables.text;
import static io.kubelix.apiserver.impl.Tables.wideHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTableTest {
    private static JsonObject pod(String spec, String status) {
        return Tables.print("", "v1", "pods", """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web-1", "namespace": "default", "creationTimestamp": "%s"},
                 "spec": %s, "status": %s}""".formatted(minutesAgo(40), spec, status));
    }

    private static final String ONE_CONTAINER = """
            {"containers": [{"name": "app", "image": "nginx"}], "nodeName": "node-1"}""";

    @Test
    void columnsAreKubectlsWithTheWideOnesAtPriorityOne() {
        JsonObject table = pod(ONE_CONTAINER, "{}");
        assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"),
                headers(table));
        assertEquals(List.of("IP", "Node", "Nominated Node", "Readiness Gates"), wideHeaders(table));
        assertEquals("name", Tables.definition(table, "Name").get("format").getAsString());
        assertFalse(Tables.definition(table, "Restarts").get("description").getAsString().isEmpty());
    }

    @Test
    void crashLoopingContainerShowsItsWaitingReasonAndWhenItLastRestarted() {
        JsonObject table = pod(ONE_CONTAINER, """
                {"phase": "Running", "podIP": "10.1.0.7", "podIPs": [{"ip": "10.1.0.7"}],
                 "containerStatuses": [{"name": "app", "ready": false, "restartCount": 5,
                   "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                   "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": "%s"}}}]}"""
                .formatted(minutesAgo(30)));
        assertCell("web-1", table, "Name");
        assertCell("0/1", table, "Ready");
        assertCell("CrashLoopBackOff", table, "Status");
        assertCell("5 (30m ago)", table, "Restarts");
        assertCell("40m", table, "Age");
        assertCell("10.1.0.7", table, "IP");
        assertCell("node-1", table, "Node");
        assertCell("<none>", table, "Nominated Node");
        assertCell("<none>", table, "Readiness Gates");
    }

    @Test
    void runningReadyPodCountsReadyContainersAndReadinessGates() {
        JsonObject table = pod("""
                {"containers": [{"name": "a"}, {"name": "b"}],
                 "readinessGates": [{"conditionType": "example.com/lb"}, {"conditionType": "example.com/dns"}]}""", """
                {"phase": "Running",
                 "conditions": [{"type": "example.com/lb", "status": "True"}, {"type": "example.com/dns", "status": "False"}],
                 "containerStatuses": [
                   {"name": "a", "ready": true, "restartCount": 0, "state": {"running": {}}},
                   {"name": "b", "ready": true, "restartCount": 0, "state": {"running": {}}}]}""");
        assertCell("2/2", table, "Ready");
        assertCell("Running", table, "Status");
        assertCell("0", table, "Restarts");
        assertCell("1/2", table, "Readiness Gates");
        assertCell("<none>", table, "IP");
        assertCell("<none>", table, "Node");
    }

    @Test
    void waitingForImageShowsTheWaitingReason() {
        assertCell("ErrImagePull", pod(ONE_CONTAINER, """
                {"phase": "Pending", "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0,
                  "state": {"waiting": {"reason": "ErrImagePull"}}}]}"""), "Status");
        assertCell("ContainerCreating", pod(ONE_CONTAINER, """
                {"phase": "Pending", "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0,
                  "state": {"waiting": {"reason": "ContainerCreating"}}}]}"""), "Status");
        assertCell("Pending", pod(ONE_CONTAINER, "{\"phase\": \"Pending\"}"), "Status");
    }

    @Test
    void endedContainersShowTheirReasonOrExitCodeOrSignal() {
        String ended = """
                {"phase": "%s", "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0,
                  "state": {"terminated": %s}}]}""";
        assertCell("Completed", pod(ONE_CONTAINER, ended.formatted("Succeeded", "{\"exitCode\": 0, \"reason\": \"Completed\"}")),
                "Status");
        assertCell("OOMKilled", pod(ONE_CONTAINER, ended.formatted("Failed", "{\"exitCode\": 137, \"reason\": \"OOMKilled\"}")),
                "Status");
        assertCell("Error", pod(ONE_CONTAINER, ended.formatted("Failed", "{\"exitCode\": 1, \"reason\": \"Error\"}")), "Status");
        assertCell("ExitCode:2", pod(ONE_CONTAINER, ended.formatted("Failed", "{\"exitCode\": 2}")), "Status");
        assertCell("Signal:9", pod(ONE_CONTAINER, ended.formatted("Failed", "{\"exitCode\": 137, \"signal\": 9}")), "Status");
    }

    @Test
    void finishedPodRowsCarryTheCompletedCondition() {
        JsonObject table = pod(ONE_CONTAINER, """
                {"phase": "Succeeded", "containerStatuses": [{"name": "app", "restartCount": 0,
                  "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}""");
        JsonObject condition = table.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonArray("conditions")
                .get(0).getAsJsonObject();
        assertEquals("Completed", condition.get("type").getAsString());
        assertEquals("True", condition.get("status").getAsString());
        assertEquals("Succeeded", condition.get("reason").getAsString());
        assertFalse(pod(ONE_CONTAINER, "{\"phase\": \"Running\"}").getAsJsonArray("rows").get(0).getAsJsonObject()
                .has("conditions"));
    }

    @Test
    void initContainersShowProgressThenTheirFailure() {
        String spec = """
                {"initContainers": [{"name": "migrate"}, {"name": "seed"}], "containers": [{"name": "app"}]}""";
        String appWaiting = """
                "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0,
                  "state": {"waiting": {"reason": "PodInitializing"}}}]""";
        assertCell("Init:0/2", pod(spec, """
                {"phase": "Pending", "initContainerStatuses": [
                  {"name": "migrate", "restartCount": 0, "state": {"running": {}}},
                  {"name": "seed", "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}], %s}"""
                .formatted(appWaiting)), "Status");
        assertCell("Init:1/2", pod(spec, """
                {"phase": "Pending", "initContainerStatuses": [
                  {"name": "migrate", "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                  {"name": "seed", "restartCount": 0, "state": {"running": {}}}], %s}""".formatted(appWaiting)), "Status");
        JsonObject crashing = pod(spec, """
                {"phase": "Pending", "initContainerStatuses": [
                  {"name": "migrate", "restartCount": 3, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                   "lastState": {"terminated": {"exitCode": 1, "finishedAt": "%s"}}},
                  {"name": "seed", "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}], %s}"""
                .formatted(minutesAgo(12), appWaiting));
        assertCell("Init:CrashLoopBackOff", crashing, "Status");
        assertCell("3 (12m ago)", crashing, "Restarts");
        assertCell("0/1", crashing, "Ready");
        assertCell("Init:Error", pod(spec, """
                {"phase": "Failed", "initContainerStatuses": [
                  {"name": "migrate", "restartCount": 0, "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}"""),
                "Status");
        assertCell("Init:ExitCode:3", pod(spec, """
                {"phase": "Failed", "initContainerStatuses": [
                  {"name": "migrate", "restartCount": 0, "state": {"terminated": {"exitCode": 3}}}]}"""), "Status");
    }

    @Test
    void startedSidecarsCountAsContainersAndDoNotHoldInitialization() {
        JsonObject table = pod("""
                {"initContainers": [{"name": "proxy", "restartPolicy": "Always"}], "containers": [{"name": "app"}]}""", """
                {"phase": "Running", "conditions": [{"type": "Initialized", "status": "True"}],
                 "initContainerStatuses": [{"name": "proxy", "started": true, "ready": true, "restartCount": 1,
                   "state": {"running": {}}, "lastState": {"terminated": {"exitCode": 1, "finishedAt": "%s"}}}],
                 "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "state": {"running": {}}}]}"""
                .formatted(minutesAgo(50)));
        assertCell("2/2", table, "Ready");
        assertCell("Running", table, "Status");
        assertCell("1 (50m ago)", table, "Restarts");
    }

    @Test
    void deletedPodsAreTerminatingUnlessFinishedAndUnknownWhenTheirNodeWasLost() {
        String running = """
                {"phase": "Running", "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0,
                  "state": {"running": {}}}]}""";
        JsonObject terminating = Tables.print("", "v1", "pods", """
                {"metadata": {"name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"}, "spec": %s, "status": %s}"""
                .formatted(ONE_CONTAINER, running));
        assertCell("Terminating", terminating, "Status");
        JsonObject lost = Tables.print("", "v1", "pods", """
                {"metadata": {"name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"}, "spec": %s,
                 "status": {"phase": "Running", "reason": "NodeLost"}}""".formatted(ONE_CONTAINER));
        assertCell("Unknown", lost, "Status");
        JsonObject done = Tables.print("", "v1", "pods", """
                {"metadata": {"name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"}, "spec": %s,
                 "status": {"phase": "Succeeded"}}""".formatted(ONE_CONTAINER));
        assertCell("Succeeded", done, "Status");
        assertCell("Evicted", pod(ONE_CONTAINER, "{\"phase\": \"Failed\", \"reason\": \"Evicted\"}"), "Status");
    }

    @Test
    void completedContainerBesideARunningOneShowsRunningOrNotReady() {
        String status = """
                {"phase": "Running", "conditions": [{"type": "Ready", "status": "%s"}], "containerStatuses": [
                  {"name": "a", "ready": true, "restartCount": 0, "state": {"running": {}}},
                  {"name": "b", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}""";
        String spec = "{\"containers\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}";
        assertCell("Running", pod(spec, status.formatted("True")), "Status");
        assertCell("NotReady", pod(spec, status.formatted("False")), "Status");
        assertCell("1/2", pod(spec, status.formatted("False")), "Ready");
    }

    @Test
    void schedulingGatedPodsSaySo() {
        assertEquals("SchedulingGated", text(pod(ONE_CONTAINER, """
                {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}"""),
                "Status"));
    }
}
