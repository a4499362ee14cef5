package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.integer;
import static io.kubelix.apiserver.impl.printers.Cells.object;
import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import java.time.Duration;
import java.time.Instant;

/** Deployments, replica sets, replication controllers, stateful sets, daemon sets, jobs, cron jobs, revisions. */
final class WorkloadPrinters {
    private WorkloadPrinters() {
    }

    private static Column containers(String templateSpecPath) {
        return Column.text("Containers", "Names of the containers in the pod template.",
                o -> Cells.containerNames(object(o, templateSpecPath))).wide();
    }

    private static Column images(String templateSpecPath) {
        return Column.text("Images", "Images of the containers in the pod template.",
                o -> Cells.containerImages(object(o, templateSpecPath))).wide();
    }

    private static Column selector(String selectorPath) {
        return Column.text("Selector", "The label query over the pods this object manages.",
                o -> Cells.labelSelector(object(o, selectorPath))).wide();
    }

    /** Kubernetes defaults spec.replicas to 1, so an absent value means 1. */
    private static long desired(JsonObject o) {
        return integer(o, "spec.replicas", 1);
    }

    static KindTable deployments() {
        return KindTable.of(Column.NAME,
                Column.text("Ready", "Ready pods out of desired pods.",
                        o -> integer(o, "status.readyReplicas", 0) + "/" + desired(o)),
                Column.text("Up-to-date", "Pods running the newest template.",
                        o -> integer(o, "status.updatedReplicas", 0)),
                Column.text("Available", "Pods available to serve (ready for at least minReadySeconds).",
                        o -> integer(o, "status.availableReplicas", 0)),
                Column.AGE,
                containers("spec.template.spec"), images("spec.template.spec"), selector("spec.selector"));
    }

    static KindTable replicaSets() {
        return KindTable.of(Column.NAME,
                Column.integer("Desired", "Pods wanted.", WorkloadPrinters::desired),
                Column.integer("Current", "Pods that exist.", o -> integer(o, "status.replicas", 0)),
                Column.integer("Ready", "Pods that are ready.", o -> integer(o, "status.readyReplicas", 0)),
                Column.AGE,
                containers("spec.template.spec"), images("spec.template.spec"), selector("spec.selector"));
    }

    /** Replication controllers select with a plain label map rather than a LabelSelector. */
    static KindTable replicationControllers() {
        return KindTable.of(Column.NAME,
                Column.integer("Desired", "Pods wanted.", WorkloadPrinters::desired),
                Column.integer("Current", "Pods that exist.", o -> integer(o, "status.replicas", 0)),
                Column.integer("Ready", "Pods that are ready.", o -> integer(o, "status.readyReplicas", 0)),
                Column.AGE,
                containers("spec.template.spec"), images("spec.template.spec"),
                Column.text("Selector", "The labels of the pods this controller manages.",
                        o -> Cells.labels(object(o, "spec.selector"))).wide());
    }

    static KindTable statefulSets() {
        return KindTable.of(Column.NAME,
                Column.text("Ready", "Ready pods out of desired pods.",
                        o -> integer(o, "status.readyReplicas", 0) + "/" + desired(o)),
                Column.AGE,
                containers("spec.template.spec"), images("spec.template.spec"));
    }

    static KindTable daemonSets() {
        return KindTable.of(Column.NAME,
                Column.integer("Desired", "Nodes that should run the daemon pod.",
                        o -> integer(o, "status.desiredNumberScheduled", 0)),
                Column.integer("Current", "Nodes running at least one daemon pod.",
                        o -> integer(o, "status.currentNumberScheduled", 0)),
                Column.integer("Ready", "Nodes whose daemon pod is ready.", o -> integer(o, "status.numberReady", 0)),
                Column.integer("Up-to-date", "Nodes running the newest template.",
                        o -> integer(o, "status.updatedNumberScheduled", 0)),
                Column.integer("Available", "Nodes whose daemon pod is available.",
                        o -> integer(o, "status.numberAvailable", 0)),
                Column.text("Node Selector", "The node labels a node needs to run the daemon pod.",
                        o -> Cells.labels(object(o, "spec.template.spec.nodeSelector"))),
                Column.AGE,
                containers("spec.template.spec"), images("spec.template.spec"), selector("spec.selector"));
    }

    static KindTable jobs() {
        return KindTable.of(Column.NAME,
                Column.text("Status", "Complete, Failed, Suspended, Terminating or Running.", WorkloadPrinters::jobStatus),
                Column.text("Completions", "Succeeded pods out of the completions wanted.", WorkloadPrinters::completions),
                Column.text("Duration", "How long the job ran, or has been running.", WorkloadPrinters::jobDuration),
                Column.AGE,
                containers("spec.template.spec"), images("spec.template.spec"), selector("spec.selector"));
    }

    static String jobStatus(JsonObject job) {
        if (Cells.conditionTrue(job, "Complete")) {
            return "Complete";
        }
        if (Cells.conditionTrue(job, "Failed")) {
            return "Failed";
        }
        if (Cells.present(job, "metadata.deletionTimestamp")) {
            return "Terminating";
        }
        if (Cells.conditionTrue(job, "Suspended")) {
            return "Suspended";
        }
        if (Cells.conditionTrue(job, "FailureTarget")) {
            return "FailureTarget";
        }
        if (Cells.conditionTrue(job, "SuccessCriteriaMet")) {
            return "SuccessCriteriaMet";
        }
        return "Running";
    }

    private static String completions(JsonObject job) {
        long succeeded = integer(job, "status.succeeded", 0);
        Long wanted = Cells.integerOrNull(Objects.path(job, "spec.completions"));
        if (wanted != null) {
            return succeeded + "/" + wanted;
        }
        long parallelism = integer(job, "spec.parallelism", 0);
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String jobDuration(JsonObject job) {
        Instant start = Cells.instant(str(job, "status.startTime"));
        if (start == null) {
            return "";
        }
        Instant end = Cells.instant(str(job, "status.completionTime"));
        return Cells.humanDuration(Duration.between(start, end == null ? Instant.now() : end));
    }

    static KindTable cronJobs() {
        String template = "spec.jobTemplate.spec.template.spec";
        return KindTable.of(Column.NAME,
                Column.text("Schedule", "The cron schedule.", o -> Cells.orEmpty(str(o, "spec.schedule"))),
                Column.text("Timezone", "The time zone the schedule is read in.",
                        o -> Cells.orNone(str(o, "spec.timeZone"))),
                Column.bool("Suspend", "Whether new runs are held back.", o -> {
                    Boolean suspend = Cells.bool(o, "spec.suspend");
                    return suspend == null ? Cells.UNSET : suspend ? "True" : "False";
                }),
                Column.integer("Active", "Jobs running now.", o -> Cells.size(o, "status.active")),
                Column.text("Last Schedule", "When a job was last scheduled.", o -> {
                    String last = str(o, "status.lastScheduleTime");
                    return last == null ? Cells.NONE : Cells.age(last);
                }),
                Column.AGE,
                containers(template), images(template), selector("spec.jobTemplate.spec.selector"));
    }

    static KindTable controllerRevisions() {
        return KindTable.of(Column.NAME,
                Column.text("Controller", "The object that owns this revision.", WorkloadPrinters::controller),
                Column.text("Revision", "The revision number.", o -> integer(o, "revision", 0)),
                Column.AGE);
    }

    /** The owner marked controller, as {@code kind.group/name} in lower case (statefulset.apps/web). */
    private static String controller(JsonObject revision) {
        for (JsonObject owner : Cells.objects(revision, "metadata.ownerReferences")) {
            if (!Cells.isTrue(owner, "controller")) {
                continue;
            }
            String kind = Cells.orEmpty(str(owner, "kind"));
            String apiVersion = Cells.orEmpty(str(owner, "apiVersion"));
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String groupKind = group.isEmpty() ? kind : kind + "." + group;
            String name = Cells.orEmpty(str(owner, "name"));
            return groupKind.isEmpty() ? name : groupKind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
        }
        return Cells.NONE;
    }
}
