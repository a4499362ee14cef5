package io.kubelix.apiserver.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Server-side printing ({@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}): the columns
 * kubectl shows for a kind, with each row carrying the object's metadata so that {@code -A},
 * {@code --show-labels} and {@code -L} work. Kinds without their own columns get NAME and AGE.
 */
final class TablePrinter {
    /** One column: its header, type, whether only {@code -o wide} shows it, and how to compute a cell. */
    record Column(String name, String type, int priority, Function<JsonObject, Object> cell) {
    }

    private static final Column NAME = new Column("Name", "string", 0, Objects::name);
    private static final Column AGE = new Column("Age", "string", 0, o -> age(Objects.pathString(o,
            "metadata.creationTimestamp")));

    private static final Map<String, List<Column>> COLUMNS = Map.of(
            "/pods", List.of(NAME,
                    new Column("Ready", "string", 0, TablePrinter::podReady),
                    new Column("Status", "string", 0, TablePrinter::podStatus),
                    new Column("Restarts", "string", 0, TablePrinter::podRestarts),
                    AGE,
                    new Column("IP", "string", 1, o -> orNone(Objects.pathString(o, "status.podIP"))),
                    new Column("Node", "string", 1, o -> orNone(Objects.pathString(o, "spec.nodeName"))),
                    new Column("Nominated Node", "string", 1, o -> orNone(Objects.pathString(o,
                            "status.nominatedNodeName"))),
                    new Column("Readiness Gates", "string", 1, o -> "<none>")),
            "/namespaces", List.of(NAME,
                    new Column("Status", "string", 0, o -> Objects.pathString(o, "status.phase")), AGE),
            "/configmaps", List.of(NAME,
                    new Column("Data", "integer", 0, o -> size(o, "data") + size(o, "binaryData")), AGE),
            "/secrets", List.of(NAME,
                    new Column("Type", "string", 0, o -> Objects.string(o, "type")),
                    new Column("Data", "integer", 0, o -> size(o, "data")), AGE),
            "/serviceaccounts", List.of(NAME,
                    new Column("Secrets", "integer", 0, o -> o.has("secrets") && o.get("secrets").isJsonArray()
                            ? o.getAsJsonArray("secrets").size() : 0), AGE),
            "/services", List.of(NAME,
                    new Column("Type", "string", 0, o -> Objects.pathString(o, "spec.type")),
                    new Column("Cluster-IP", "string", 0, o -> orNone(Objects.pathString(o, "spec.clusterIP"))),
                    new Column("External-IP", "string", 0, o -> "<none>"),
                    new Column("Port(s)", "string", 0, TablePrinter::servicePorts), AGE,
                    new Column("Selector", "string", 1, o -> selector(Objects.pathObject(o, "spec.selector")))),
            "apps/deployments", List.of(NAME,
                    new Column("Ready", "string", 0, o -> intAt(o, "status.readyReplicas") + "/"
                            + intAt(o, "spec.replicas")),
                    new Column("Up-to-date", "integer", 0, o -> intAt(o, "status.updatedReplicas")),
                    new Column("Available", "integer", 0, o -> intAt(o, "status.availableReplicas")), AGE),
            "apps/replicasets", List.of(NAME,
                    new Column("Desired", "integer", 0, o -> intAt(o, "spec.replicas")),
                    new Column("Current", "integer", 0, o -> intAt(o, "status.replicas")),
                    new Column("Ready", "integer", 0, o -> intAt(o, "status.readyReplicas")), AGE),
            "/nodes", List.of(NAME,
                    new Column("Status", "string", 0, TablePrinter::nodeStatus),
                    new Column("Roles", "string", 0, o -> "<none>"), AGE,
                    new Column("Version", "string", 0, o -> Objects.pathString(o, "status.nodeInfo.kubeletVersion"))),
            "/events", List.of(
                    new Column("Last Seen", "string", 0, o -> age(Objects.string(o, "lastTimestamp"))),
                    new Column("Type", "string", 0, o -> Objects.string(o, "type")),
                    new Column("Reason", "string", 0, o -> Objects.string(o, "reason")),
                    new Column("Object", "string", 0, o -> lower(Objects.pathString(o, "involvedObject.kind")) + "/"
                            + Objects.pathString(o, "involvedObject.name")),
                    new Column("Message", "string", 0, o -> Objects.string(o, "message"))));

    private TablePrinter() {
    }

    static JsonObject table(ResourceType type, List<JsonObject> objects, String resourceVersion, String continueToken) {
        List<Column> columns = columnsOf(type);
        JsonObject table = new JsonObject();
        table.addProperty("kind", "Table");
        table.addProperty("apiVersion", "meta.k8s.io/v1");
        JsonObject metadata = new JsonObject();
        if (resourceVersion != null) {
            metadata.addProperty("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            metadata.addProperty("continue", continueToken);
        }
        table.add("metadata", metadata);
        JsonArray definitions = new JsonArray();
        for (Column c : columns) {
            JsonObject d = new JsonObject();
            d.addProperty("name", c.name());
            d.addProperty("type", c.type());
            d.addProperty("format", c == NAME ? "name" : "");
            d.addProperty("description", "");
            d.addProperty("priority", c.priority());
            definitions.add(d);
        }
        table.add("columnDefinitions", definitions);
        JsonArray rows = new JsonArray();
        for (JsonObject object : objects) {
            JsonObject row = new JsonObject();
            JsonArray cells = new JsonArray();
            for (Column c : columns) {
                Object value = c.cell().apply(object);
                if (value instanceof Number n) {
                    cells.add(n);
                } else {
                    cells.add(value == null ? "" : value.toString());
                }
            }
            row.add("cells", cells);
            JsonObject partial = new JsonObject();
            partial.addProperty("kind", "PartialObjectMetadata");
            partial.addProperty("apiVersion", "meta.k8s.io/v1");
            JsonObject meta = Objects.metadata(object);
            partial.add("metadata", meta == null ? new JsonObject() : meta.deepCopy());
            row.add("object", partial);
            rows.add(row);
        }
        table.add("rows", rows);
        return table;
    }

    private static List<Column> columnsOf(ResourceType type) {
        return COLUMNS.getOrDefault(type.group() + "/" + type.plural(), List.of(NAME, AGE));
    }

    /** Kubernetes' short human durations: 45s, 3m20s, 5h, 2d3h, 1y20d. */
    static String age(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp), Instant.now()));
        } catch (RuntimeException e) {
            return "<unknown>";
        }
    }

    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + days + "d";
        }
        return (hours / 24 / 365) + "y";
    }

    private static String podReady(JsonObject pod) {
        JsonElement containers = Objects.path(pod, "spec.containers");
        int total = containers != null && containers.isJsonArray() ? containers.getAsJsonArray().size() : 0;
        int ready = 0;
        JsonElement statuses = Objects.path(pod, "status.containerStatuses");
        if (statuses != null && statuses.isJsonArray()) {
            for (JsonElement s : statuses.getAsJsonArray()) {
                if (s.isJsonObject() && s.getAsJsonObject().has("ready") && s.getAsJsonObject().get("ready").getAsBoolean()) {
                    ready++;
                }
            }
        }
        return ready + "/" + total;
    }

    /** The STATUS column: the reason a container waits or ended, else the phase, or Terminating. */
    private static String podStatus(JsonObject pod) {
        if (Objects.pathString(pod, "metadata.deletionTimestamp") != null) {
            return "Terminating";
        }
        String reason = Objects.pathString(pod, "status.reason");
        String status = reason != null ? reason : Objects.pathString(pod, "status.phase");
        JsonElement statuses = Objects.path(pod, "status.containerStatuses");
        if (statuses != null && statuses.isJsonArray()) {
            for (JsonElement s : statuses.getAsJsonArray()) {
                if (!s.isJsonObject()) {
                    continue;
                }
                String waiting = Objects.pathString(s.getAsJsonObject(), "state.waiting.reason");
                String terminated = Objects.pathString(s.getAsJsonObject(), "state.terminated.reason");
                if (waiting != null && !waiting.isEmpty()) {
                    status = waiting;
                } else if (terminated != null && !terminated.isEmpty()) {
                    status = terminated;
                }
            }
        }
        return status == null ? "Pending" : status;
    }

    private static String podRestarts(JsonObject pod) {
        int restarts = 0;
        JsonElement statuses = Objects.path(pod, "status.containerStatuses");
        if (statuses != null && statuses.isJsonArray()) {
            for (JsonElement s : statuses.getAsJsonArray()) {
                if (s.isJsonObject() && s.getAsJsonObject().has("restartCount")) {
                    restarts += s.getAsJsonObject().get("restartCount").getAsInt();
                }
            }
        }
        return Integer.toString(restarts);
    }

    private static String nodeStatus(JsonObject node) {
        JsonElement conditions = Objects.path(node, "status.conditions");
        String status = "Unknown";
        if (conditions != null && conditions.isJsonArray()) {
            for (JsonElement c : conditions.getAsJsonArray()) {
                if (c.isJsonObject() && "Ready".equals(Objects.string(c.getAsJsonObject(), "type"))) {
                    status = "True".equals(Objects.string(c.getAsJsonObject(), "status")) ? "Ready" : "NotReady";
                }
            }
        }
        JsonElement unschedulable = Objects.path(node, "spec.unschedulable");
        if (unschedulable != null && unschedulable.isJsonPrimitive() && unschedulable.getAsBoolean()) {
            status += ",SchedulingDisabled";
        }
        return status;
    }

    private static String servicePorts(JsonObject service) {
        JsonElement ports = Objects.path(service, "spec.ports");
        if (ports == null || !ports.isJsonArray() || ports.getAsJsonArray().isEmpty()) {
            return "<none>";
        }
        StringBuilder b = new StringBuilder();
        for (JsonElement p : ports.getAsJsonArray()) {
            if (!p.isJsonObject()) {
                continue;
            }
            JsonObject port = p.getAsJsonObject();
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(port.has("port") ? port.get("port").getAsString() : "?");
            if (port.has("nodePort")) {
                b.append(':').append(port.get("nodePort").getAsString());
            }
            b.append('/').append(port.has("protocol") ? port.get("protocol").getAsString() : "TCP");
        }
        return b.toString();
    }

    private static String selector(JsonObject selector) {
        if (selector == null || selector.isEmpty()) {
            return "<none>";
        }
        StringBuilder b = new StringBuilder();
        selector.entrySet().forEach(e -> b.append(b.length() == 0 ? "" : ",").append(e.getKey()).append('=')
                .append(e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : ""));
        return b.toString();
    }

    private static int size(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject().size() : 0;
    }

    private static int intAt(JsonObject o, String path) {
        JsonElement e = Objects.path(o, path);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : 0;
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "<none>" : value;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
    }
}
