package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.integer;
import static io.kubelix.apiserver.impl.printers.Cells.objects;
import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Nodes, namespaces, config maps, secrets, service accounts, resource quotas, limit ranges, leases,
 * priority classes and runtime classes.
 */
final class CorePrinters {
    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

    private CorePrinters() {
    }

    static KindTable nodes() {
        return KindTable.of(Column.NAME,
                Column.text("Status", "Ready or NotReady, and SchedulingDisabled when cordoned.", CorePrinters::nodeStatus),
                Column.text("Roles", "The roles of the node's node-role.kubernetes.io labels.", CorePrinters::roles),
                Column.AGE,
                Column.text("Version", "The kubelet's version.", o -> Cells.orEmpty(str(o, "status.nodeInfo.kubeletVersion"))),
                Column.text("Internal-IP", "The node's internal address.", o -> address(o, "InternalIP")).wide(),
                Column.text("External-IP", "The node's external address.", o -> address(o, "ExternalIP")).wide(),
                Column.text("OS-Image", "The operating system the node reports.",
                        o -> Cells.strOr(o, "status.nodeInfo.osImage", Cells.UNKNOWN)).wide(),
                Column.text("Kernel-Version", "The node's kernel version.",
                        o -> Cells.strOr(o, "status.nodeInfo.kernelVersion", Cells.UNKNOWN)).wide(),
                Column.text("Container-Runtime", "The container runtime and its version.",
                        o -> Cells.strOr(o, "status.nodeInfo.containerRuntimeVersion", Cells.UNKNOWN)).wide());
    }

    static String nodeStatus(JsonObject node) {
        JsonObject ready = null;
        for (JsonObject c : objects(node, "status.conditions")) {
            if ("Ready".equals(str(c, "type"))) {
                ready = c; // the last one wins, as in a map keyed by type
            }
        }
        String status = ready == null ? "Unknown" : "True".equals(str(ready, "status")) ? "Ready" : "NotReady";
        return Cells.isTrue(node, "spec.unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    static String roles(JsonObject node) {
        TreeSet<String> roles = new TreeSet<>();
        Objects.labels(node).forEach((key, value) -> {
            if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
            } else if (key.equals(LEGACY_ROLE_LABEL) && !value.isEmpty()) {
                roles.add(value);
            }
        });
        return roles.isEmpty() ? Cells.NONE : String.join(",", roles);
    }

    private static String address(JsonObject node, String type) {
        for (JsonObject a : objects(node, "status.addresses")) {
            if (type.equals(str(a, "type"))) {
                return Cells.orNone(str(a, "address"));
            }
        }
        return Cells.NONE;
    }

    static KindTable namespaces() {
        return KindTable.of(Column.NAME,
                Column.text("Status", "Active, or Terminating while the namespace is being deleted.",
                        o -> Cells.orEmpty(str(o, "status.phase"))),
                Column.AGE);
    }

    static KindTable configMaps() {
        return KindTable.of(Column.NAME,
                Column.text("Data", "Number of keys in data and binaryData.",
                        o -> Cells.size(o, "data") + Cells.size(o, "binaryData")),
                Column.AGE);
    }

    static KindTable secrets() {
        return KindTable.of(Column.NAME,
                Column.text("Type", "The secret's type.", o -> Cells.orEmpty(str(o, "type"))),
                Column.text("Data", "Number of keys in data.", o -> Cells.size(o, "data")),
                Column.AGE);
    }

    static KindTable serviceAccounts() {
        return KindTable.of(Column.NAME,
                Column.text("Secrets", "Number of secrets listed for the service account.",
                        o -> Cells.size(o, "secrets")),
                Column.AGE);
    }

    static KindTable resourceQuotas() {
        return KindTable.of(Column.NAME,
                Column.text("Request", "Used out of hard limit for each quota that is not a limits.* one.",
                        o -> quota(o, false)),
                Column.text("Limit", "Used out of hard limit for each limits.* quota.", o -> quota(o, true)),
                Column.AGE);
    }

    /** {@code cpu: 500m/2, pods: 3/10}: used/hard per resource, sorted by resource name. */
    private static String quota(JsonObject quota, boolean limits) {
        JsonObject hard = Cells.object(quota, "status.hard");
        JsonObject used = Cells.object(quota, "status.used");
        if (hard == null) {
            return "";
        }
        Map<String, JsonElement> sorted = new TreeMap<>();
        hard.entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((resource, hardValue) -> {
            if (resource.startsWith("limits.") != limits) {
                return;
            }
            String usedValue = used == null ? null : Cells.scalar(used.get(resource));
            String hardText = Cells.scalar(hardValue);
            parts.add(resource + ": " + (usedValue == null ? "0" : usedValue) + "/" + (hardText == null ? "0" : hardText));
        });
        return String.join(", ", parts);
    }

    static KindTable limitRanges() {
        return KindTable.of(Column.NAME, Column.CREATED_AT);
    }

    static KindTable leases() {
        return KindTable.of(Column.NAME,
                Column.text("Holder", "The identity of the lease's holder.", o -> Cells.orEmpty(str(o, "spec.holderIdentity"))),
                Column.AGE);
    }

    static KindTable priorityClasses() {
        return KindTable.of(Column.NAME,
                Column.integer("Value", "The priority pods of this class get.", o -> integer(o, "value", 0)),
                Column.bool("Global-Default", "Whether pods without a priority class get this one.",
                        o -> Cells.isTrue(o, "globalDefault")),
                Column.AGE,
                Column.text("PreemptionPolicy", "Whether pods of this class may preempt others.",
                        o -> Cells.orEmpty(str(o, "preemptionPolicy"))));
    }

    static KindTable runtimeClasses() {
        return KindTable.of(Column.NAME,
                Column.text("Handler", "The container runtime handler pods of this class run with.",
                        o -> Cells.orEmpty(str(o, "handler"))),
                Column.AGE);
    }
}
