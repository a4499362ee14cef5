package io.kubelix.console.impl.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The columns {@code kube:get} shows for a type, laid out as kubectl lays out its tables. */
public final class ResourceTable {
    private ResourceTable() {
    }

    /**
     * @param withNamespace a NAMESPACE column first (listing across namespaces)
     * @param wide          the extra columns of {@code -o wide}
     */
    public static Table of(ResourceType type, List<JsonObject> objects, boolean withNamespace, boolean wide,
            Instant now) {
        return of(type, objects, withNamespace, wide, "", now);
    }

    /** @param namePrefix put before each name, such as "pod/" when several types are listed together */
    public static Table of(ResourceType type, List<JsonObject> objects, boolean withNamespace, boolean wide,
            String namePrefix, Instant now) {
        Columns columns = columnsFor(type, wide);
        List<String> headers = new ArrayList<>();
        if (withNamespace) {
            headers.add("NAMESPACE");
        }
        headers.add("NAME");
        headers.addAll(columns.headers);
        Table table = new Table(headers);
        for (JsonObject o : objects) {
            List<String> row = new ArrayList<>();
            if (withNamespace) {
                row.add(orNone(Objects.namespace(o)));
            }
            row.add(namePrefix + Objects.name(o));
            row.addAll(columns.cells.apply(o, now));
            table.addRow(row);
        }
        return table;
    }

    private interface Cells {
        List<String> apply(JsonObject object, Instant now);
    }

    private record Columns(List<String> headers, Cells cells) {
    }

    private static Columns columnsFor(ResourceType type, boolean wide) {
        String key = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
        return switch (key) {
            case "pods" -> wide
                    ? new Columns(List.of("READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"), (o, now) -> {
                        List<String> cells = new ArrayList<>(pod(o, now));
                        cells.add(orNone(Objects.pathString(o, "status.podIP")));
                        cells.add(orNone(Objects.pathString(o, "spec.nodeName")));
                        return cells;
                    })
                    : new Columns(List.of("READY", "STATUS", "RESTARTS", "AGE"), ResourceTable::pod);
            case "namespaces" -> new Columns(List.of("STATUS", "AGE"), (o, now) -> List.of(
                    or(Objects.pathString(o, "status.phase"), "Active"), age(o, now)));
            case "deployments.apps" -> wide
                    ? new Columns(List.of("READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"),
                        (o, now) -> {
                            List<String> cells = new ArrayList<>(deployment(o, now));
                            cells.addAll(containersAndImages(Objects.pathObject(o, "spec.template.spec")));
                            cells.add(selector(Objects.pathObject(o, "spec.selector.matchLabels")));
                            return cells;
                        })
                    : new Columns(List.of("READY", "UP-TO-DATE", "AVAILABLE", "AGE"), ResourceTable::deployment);
            case "services" -> wide
                    ? new Columns(List.of("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"),
                        (o, now) -> {
                            List<String> cells = new ArrayList<>(service(o, now));
                            cells.add(selector(Objects.pathObject(o, "spec.selector")));
                            return cells;
                        })
                    : new Columns(List.of("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"), ResourceTable::service);
            case "configmaps" -> new Columns(List.of("DATA", "AGE"), (o, now) -> List.of(
                    Integer.toString(size(o, "data") + size(o, "binaryData")), age(o, now)));
            case "secrets" -> new Columns(List.of("TYPE", "DATA", "AGE"), (o, now) -> List.of(
                    or(Objects.string(o, "type"), "Opaque"), Integer.toString(size(o, "data")), age(o, now)));
            default -> new Columns(List.of("AGE"), (o, now) -> List.of(age(o, now)));
        };
    }

    private static List<String> pod(JsonObject pod, Instant now) {
        JsonArray containers = array(Objects.path(pod, "spec.containers"));
        JsonArray statuses = array(Objects.path(pod, "status.containerStatuses"));
        int ready = 0;
        long restarts = 0;
        String waitingOrTerminated = null;
        for (JsonElement e : statuses) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject s = e.getAsJsonObject();
            if (s.has("ready") && s.get("ready").getAsBoolean()) {
                ready++;
            }
            if (s.has("restartCount")) {
                restarts += s.get("restartCount").getAsLong();
            }
            String reason = Objects.pathString(s, "state.waiting.reason");
            if (reason == null) {
                reason = Objects.pathString(s, "state.terminated.reason");
            }
            if (reason != null && !reason.isEmpty() && waitingOrTerminated == null) {
                waitingOrTerminated = reason;
            }
        }
        String status;
        if (Objects.pathString(pod, "metadata.deletionTimestamp") != null) {
            status = "Terminating";
        } else if (Objects.pathString(pod, "status.reason") != null) {
            status = Objects.pathString(pod, "status.reason");
        } else if (waitingOrTerminated != null) {
            status = waitingOrTerminated;
        } else {
            status = or(Objects.pathString(pod, "status.phase"), "Pending");
        }
        return List.of(ready + "/" + containers.size(), status, Long.toString(restarts), age(pod, now));
    }

    private static List<String> deployment(JsonObject d, Instant now) {
        return List.of(number(d, "status.readyReplicas") + "/" + number(d, "spec.replicas"),
                number(d, "status.updatedReplicas"), number(d, "status.availableReplicas"), age(d, now));
    }

    private static List<String> service(JsonObject s, Instant now) {
        String type = or(Objects.pathString(s, "spec.type"), "ClusterIP");
        List<String> external = new ArrayList<>();
        for (JsonElement ingress : array(Objects.path(s, "status.loadBalancer.ingress"))) {
            if (ingress.isJsonObject()) {
                String ip = Objects.string(ingress.getAsJsonObject(), "ip");
                external.add(ip != null ? ip : Objects.string(ingress.getAsJsonObject(), "hostname"));
            }
        }
        for (JsonElement ip : array(Objects.path(s, "spec.externalIPs"))) {
            external.add(ip.getAsString());
        }
        String externalIp = !external.isEmpty() ? String.join(",", external)
                : "LoadBalancer".equals(type) ? "<pending>"
                : "ExternalName".equals(type) ? orNone(Objects.pathString(s, "spec.externalName")) : "<none>";
        StringJoiner ports = new StringJoiner(",");
        for (JsonElement p : array(Objects.path(s, "spec.ports"))) {
            if (!p.isJsonObject()) {
                continue;
            }
            JsonObject port = p.getAsJsonObject();
            String nodePort = port.has("nodePort") ? ":" + port.get("nodePort").getAsString() : "";
            ports.add((port.has("port") ? port.get("port").getAsString() : "?") + nodePort + "/" + or(Objects.string(port, "protocol"), "TCP"));
        }
        return List.of(type, orNone(Objects.pathString(s, "spec.clusterIP")), externalIp,
                ports.length() == 0 ? "<none>" : ports.toString(), age(s, now));
    }

    private static List<String> containersAndImages(JsonObject podSpec) {
        StringJoiner names = new StringJoiner(",");
        StringJoiner images = new StringJoiner(",");
        if (podSpec != null) {
            for (JsonElement c : array(podSpec.get("containers"))) {
                if (c.isJsonObject()) {
                    names.add(or(Objects.string(c.getAsJsonObject(), "name"), ""));
                    images.add(or(Objects.string(c.getAsJsonObject(), "image"), ""));
                }
            }
        }
        return List.of(names.length() == 0 ? "<none>" : names.toString(),
                images.length() == 0 ? "<none>" : images.toString());
    }

    private static String selector(JsonObject labels) {
        if (labels == null || labels.size() == 0) {
            return "<none>";
        }
        StringJoiner s = new StringJoiner(",");
        for (Map.Entry<String, JsonElement> e : labels.entrySet()) {
            s.add(e.getKey() + "=" + e.getValue().getAsString());
        }
        return s.toString();
    }

    static String age(JsonObject object, Instant now) {
        return Age.since(Objects.pathString(object, "metadata.creationTimestamp"), now);
    }

    private static String number(JsonObject o, String path) {
        JsonElement e = Objects.path(o, path);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "0";
    }

    private static int size(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject().size() : 0;
    }

    private static JsonArray array(JsonElement e) {
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String orNone(String value) {
        return or(value, "<none>");
    }
}
