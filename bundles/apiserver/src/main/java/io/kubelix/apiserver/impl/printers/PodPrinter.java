package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.NONE;
import static io.kubelix.apiserver.impl.printers.Cells.integer;
import static io.kubelix.apiserver.impl.printers.Cells.isTrue;
import static io.kubelix.apiserver.impl.printers.Cells.objects;
import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pods: NAME READY STATUS RESTARTS AGE, and with -o wide IP NODE NOMINATED NODE READINESS GATES.
 * STATUS is kubectl's summary of the pod: init progress ({@code Init:1/2}), the reason a container
 * waits or ended ({@code CrashLoopBackOff}, {@code Completed}, {@code ExitCode:2}), or Terminating.
 */
final class PodPrinter {
    private PodPrinter() {
    }

    static KindTable table() {
        return new KindTable(List.of(Column.NAME,
                Column.text("Ready", "Containers ready out of containers in the pod.", o -> summarize(o).ready()),
                Column.text("Status", "The aggregate status of the pod's containers.", o -> summarize(o).status()),
                Column.text("Restarts", "How often the pod's containers restarted, and when the last restart was.",
                        o -> summarize(o).restarts()),
                Column.AGE,
                Column.text("IP", "The pod's IP address.", PodPrinter::podIp).wide(),
                Column.text("Node", "The node the pod is bound to.", o -> Cells.orNone(str(o, "spec.nodeName"))).wide(),
                Column.text("Nominated Node", "The node preemption made room on for the pod.",
                        o -> Cells.orNone(str(o, "status.nominatedNodeName"))).wide(),
                Column.text("Readiness Gates", "Readiness gates whose condition is True, out of all gates.",
                        PodPrinter::readinessGates).wide()),
                PodPrinter::rowConditions);
    }

    /** The cells kubectl derives from the container statuses together. */
    record Summary(String ready, String status, String restarts) {
    }

    static Summary summarize(JsonObject pod) {
        String phase = str(pod, "status.phase");
        String podReason = str(pod, "status.reason");
        String reason = podReason != null && !podReason.isEmpty() ? podReason : Cells.orEmpty(phase);
        for (JsonObject c : objects(pod, "status.conditions")) {
            if ("PodScheduled".equals(str(c, "type")) && "SchedulingGated".equals(str(c, "reason"))) {
                reason = "SchedulingGated";
            }
        }

        List<JsonObject> initSpecs = objects(pod, "spec.initContainers");
        Set<String> sidecars = new HashSet<>();
        for (JsonObject c : initSpecs) {
            if ("Always".equals(str(c, "restartPolicy"))) {
                sidecars.add(Cells.orEmpty(str(c, "name")));
            }
        }
        int total = objects(pod, "spec.containers").size() + sidecars.size();
        int ready = 0;
        long restarts = 0;
        long sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;

        boolean initializing = false;
        List<JsonObject> initStatuses = objects(pod, "status.initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonObject s = initStatuses.get(i);
            boolean sidecar = sidecars.contains(Cells.orEmpty(str(s, "name")));
            long count = Math.max(0, integer(s, "restartCount", 0));
            Instant finished = Cells.instant(str(s, "lastState.terminated.finishedAt"));
            restarts += count;
            lastRestart = later(lastRestart, finished);
            if (sidecar) {
                sidecarRestarts += count;
                lastSidecarRestart = later(lastSidecarRestart, finished);
            }
            JsonObject terminated = Cells.object(s, "state.terminated");
            String waitingReason = str(s, "state.waiting.reason");
            if (terminated != null && integer(terminated, "exitCode", 0) == 0) {
                continue;
            }
            if (sidecar && isTrue(s, "started")) {
                if (isTrue(s, "ready")) {
                    ready++;
                }
                continue;
            }
            if (terminated != null) {
                reason = "Init:" + endedReason(terminated);
            } else if (waitingReason != null && !waitingReason.isEmpty() && !"PodInitializing".equals(waitingReason)) {
                reason = "Init:" + waitingReason;
            } else {
                reason = "Init:" + i + "/" + initSpecs.size();
            }
            initializing = true;
            break;
        }

        if (!initializing || Cells.conditionTrue(pod, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean running = false;
            List<JsonObject> statuses = objects(pod, "status.containerStatuses");
            // Backwards, so that the first container's state is the one that shows.
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonObject s = statuses.get(i);
                restarts += Math.max(0, integer(s, "restartCount", 0));
                lastRestart = later(lastRestart, Cells.instant(str(s, "lastState.terminated.finishedAt")));
                String waitingReason = str(s, "state.waiting.reason");
                JsonObject terminated = Cells.object(s, "state.terminated");
                if (waitingReason != null && !waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (terminated != null) {
                    reason = endedReason(terminated);
                } else if (isTrue(s, "ready") && Cells.present(s, "state.running")) {
                    running = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && running) {
                reason = Cells.conditionTrue(pod, "Ready") ? "Running" : "NotReady";
            }
        }

        if (Cells.present(pod, "metadata.deletionTimestamp")) {
            if ("NodeLost".equals(podReason)) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                reason = "Terminating";
            }
        }

        String restartCell = Long.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartCell = restarts + " (" + Cells.humanDuration(Duration.between(lastRestart, Instant.now())) + " ago)";
        }
        return new Summary(ready + "/" + total, reason, restartCell);
    }

    /** Why a container ended: its reason, else its signal or exit code. */
    private static String endedReason(JsonObject terminated) {
        String reason = str(terminated, "reason");
        if (reason != null && !reason.isEmpty()) {
            return reason;
        }
        long signal = integer(terminated, "signal", 0);
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + integer(terminated, "exitCode", 0);
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || a.isBefore(b) ? b : a;
    }

    private static String podIp(JsonObject pod) {
        List<JsonObject> ips = objects(pod, "status.podIPs");
        String ip = ips.isEmpty() ? str(pod, "status.podIP") : str(ips.get(0), "ip");
        return Cells.orNone(ip);
    }

    private static String readinessGates(JsonObject pod) {
        List<JsonObject> gates = objects(pod, "spec.readinessGates");
        if (gates.isEmpty()) {
            return NONE;
        }
        int satisfied = 0;
        for (JsonObject gate : gates) {
            JsonObject condition = Cells.condition(pod, Cells.orEmpty(str(gate, "conditionType")));
            if (condition != null && "True".equals(str(condition, "status"))) {
                satisfied++;
            }
        }
        return satisfied + "/" + gates.size();
    }

    /** Finished pods carry a Completed row condition, as kubectl expects of Kubernetes' tables. */
    private static JsonArray rowConditions(JsonObject pod) {
        String phase = str(pod, "status.phase");
        String message;
        if ("Succeeded".equals(phase)) {
            message = "The pod has completed successfully.";
        } else if ("Failed".equals(phase)) {
            message = "The pod failed.";
        } else {
            return null;
        }
        JsonObject condition = new JsonObject();
        condition.addProperty("type", "Completed");
        condition.addProperty("status", "True");
        condition.addProperty("reason", phase);
        condition.addProperty("message", message);
        JsonArray conditions = new JsonArray();
        conditions.add(condition);
        return conditions;
    }
}
