package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.apiserver.impl.printers.Column;
import io.kubelix.apiserver.impl.printers.KindTable;
import io.kubelix.apiserver.impl.printers.Printers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TablePrinterTest {
    @Test
    void tableCarriesListMetadataDefinitionsAndPartialObjectMetadataRows() {
        ResourceType pods = Tables.type("", "v1", "pods");
        JsonObject table = TablePrinter.table(pods, List.of(Json.parseObject("""
                {"metadata": {"name": "a", "namespace": "ns", "labels": {"app": "x"}, "resourceVersion": "5"}}""")),
                "17", "next-page");
        assertEquals("Table", table.get("kind").getAsString());
        assertEquals("meta.k8s.io/v1", table.get("apiVersion").getAsString());
        assertEquals("17", table.getAsJsonObject("metadata").get("resourceVersion").getAsString());
        assertEquals("next-page", table.getAsJsonObject("metadata").get("continue").getAsString());
        for (JsonElement d : table.getAsJsonArray("columnDefinitions")) {
            JsonObject def = d.getAsJsonObject();
            for (String field : List.of("name", "type", "format", "description", "priority")) {
                assertTrue(def.has(field), field + " in " + def);
            }
            assertFalse(def.get("description").getAsString().isBlank(), "description of " + def);
        }
        JsonObject row = table.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(headers(table).size(), row.getAsJsonArray("cells").size());
        JsonObject object = row.getAsJsonObject("object");
        assertEquals("PartialObjectMetadata", object.get("kind").getAsString());
        assertEquals("x", object.getAsJsonObject("metadata").getAsJsonObject("labels").get("app").getAsString());
        assertEquals("ns", object.getAsJsonObject("metadata").get("namespace").getAsString());
    }

    @Test
    void everyServedKindHasItsOwnColumnsAndCustomKindsGetNameAndAge() {
        for (ResourceType type : Tables.servedTypes()) {
            List<Column> columns = Printers.of(type).columns();
            assertTrue(columns.size() > 2 || columns.get(1).name().equals("Created At"),
                    type.qualifiedPlural() + " prints only " + columns);
            assertEquals(1, columns.stream().filter(c -> c.format().equals("name")).count(),
                    type.qualifiedPlural() + " has one name column");
        }
        ResourceType widgets = new ResourceType("example.com", "v1", "Widget", "widgets", "widget", true,
                List.of(), List.of(), ResourceType.ALL_VERBS, List.of());
        JsonObject table = TablePrinter.table(widgets, List.of(Json.parseObject("{\"metadata\": {\"name\": \"w\"}}")), null,
                null);
        assertEquals(List.of("Name", "Age"), headers(table));
        assertFalse(table.getAsJsonObject("metadata").has("continue"));
    }

    @Test
    void objectsWithMissingOrMistypedFieldsStillPrint() {
        Set<String> covered = new HashSet<>();
        for (ResourceType type : Tables.servedTypes()) {
            String sample = SAMPLES.get(type.plural());
            assertNotNull(sample, "a sample " + type.plural());
            covered.add(type.plural());
            KindTable kind = Printers.of(type);
            JsonObject original = Json.parseObject(sample);
            printEveryCell(type, kind, original);
            printEveryCell(type, kind, new JsonObject());
            for (Supplier<JsonObject> variant : mutations(original)) {
                printEveryCell(type, kind, variant.get());
            }
        }
        assertEquals(SAMPLES.keySet(), covered, "samples of kinds not served");
    }

    @Test
    void aBrokenPodStillPrintsSensibleCells() {
        JsonObject table = Tables.print("", "v1", "pods", """
                {"metadata": {"name": "odd", "creationTimestamp": 12, "deletionTimestamp": null},
                 "spec": {"containers": "app", "readinessGates": [7]},
                 "status": {"phase": 3, "podIPs": "10.0.0.1", "containerStatuses": [1, "x",
                   {"restartCount": "five", "ready": "yes", "state": {"waiting": {"reason": 9}},
                    "lastState": {"terminated": {"finishedAt": "yesterday"}}}]}}""");
        assertEquals("odd", Tables.text(table, "Name"));
        assertEquals("0/0", Tables.text(table, "Ready"));
        assertEquals("", Tables.text(table, "Status"));
        assertEquals("0", Tables.text(table, "Restarts"));
        assertEquals("<unknown>", Tables.text(table, "Age"));
        assertEquals("<none>", Tables.text(table, "IP"));
        assertEquals("<none>", Tables.text(table, "Readiness Gates"));
    }

    private static void printEveryCell(ResourceType type, KindTable kind, JsonObject object) {
        for (Column column : kind.columns()) {
            try {
                Object value = column.cell().apply(object);
                assertNotNull(value, column.name());
                assertTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
                        column.name() + " gave " + value.getClass());
            } catch (RuntimeException e) {
                fail(type.qualifiedPlural() + " column " + column.name() + " threw on " + object, e);
            }
        }
        try {
            kind.rowConditions().apply(object);
        } catch (RuntimeException e) {
            fail(type.qualifiedPlural() + " row conditions threw on " + object, e);
        }
        JsonObject table = TablePrinter.table(type, List.of(object), null, null);
        assertEquals(kind.columns().size(), table.getAsJsonArray("rows").get(0).getAsJsonObject()
                .getAsJsonArray("cells").size());
    }

    /** The sample with one node at a time replaced by a value of each other JSON type. */
    private static List<Supplier<JsonObject>> mutations(JsonObject original) {
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(original, new ArrayList<>(), paths);
        List<JsonElement> replacements = List.of(JsonNull.INSTANCE, new JsonPrimitive("x"), new JsonPrimitive(7.5),
                new JsonPrimitive(-3), new JsonPrimitive(true), new JsonObject(), new JsonArray(),
                Json.parse("[1, \"a\", null, [], {}]"), new JsonPrimitive("2026-99-99T00:00:00Z"),
                new JsonPrimitive(1e30));
        List<Supplier<JsonObject>> variants = new ArrayList<>();
        for (List<Object> path : paths) {
            for (JsonElement replacement : replacements) {
                variants.add(() -> {
                    JsonObject copy = original.deepCopy();
                    replace(copy, path, replacement.deepCopy());
                    return copy;
                });
            }
        }
        return variants;
    }

    private static void collectPaths(JsonElement node, List<Object> prefix, List<List<Object>> out) {
        if (node.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : node.getAsJsonObject().entrySet()) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(e.getKey());
                out.add(path);
                collectPaths(e.getValue(), path, out);
            }
        } else if (node.isJsonArray()) {
            for (int i = 0; i < node.getAsJsonArray().size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                out.add(path);
                collectPaths(node.getAsJsonArray().get(i), path, out);
            }
        }
    }

    private static void replace(JsonElement root, List<Object> path, JsonElement value) {
        JsonElement parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer index ? parent.getAsJsonArray().get(index)
                    : parent.getAsJsonObject().get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            parent.getAsJsonArray().set(index, value);
        } else {
            parent.getAsJsonObject().add((String) last, value);
        }
    }

    private static final String META = """
            "metadata": {"name": "s", "namespace": "ns", "creationTimestamp": "2026-01-01T00:00:00Z",
              "deletionTimestamp": "2026-01-02T00:00:00Z", "labels": {"node-role.kubernetes.io/worker": "", "kubernetes.io/role": "x"},
              "annotations": {"storageclass.kubernetes.io/is-default-class": "true", "volume.beta.kubernetes.io/storage-class": "c"},
              "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "controller": true}]}""";
    private static final String TEMPLATE = """
            "template": {"spec": {"containers": [{"name": "a", "image": "i"}], "nodeSelector": {"k": "v"}}}""";
    private static final String SELECTOR = """
            "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "t", "operator": "In", "values": ["a"]}]}""";

    /** One realistic object per served resource, touching the fields its columns read. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("pods", """
                    {%s, "spec": {"nodeName": "n", "initContainers": [{"name": "i", "restartPolicy": "Always"}, {"name": "j"}],
                       "containers": [{"name": "a"}], "readinessGates": [{"conditionType": "g"}]},
                     "status": {"phase": "Running", "reason": "NodeLost", "podIP": "1.2.3.4", "podIPs": [{"ip": "1.2.3.4"}],
                       "nominatedNodeName": "m",
                       "conditions": [{"type": "g", "status": "True"}, {"type": "Initialized", "status": "True"},
                         {"type": "PodScheduled", "reason": "SchedulingGated"}, {"type": "Ready", "status": "True"}],
                       "initContainerStatuses": [{"name": "i", "started": true, "ready": true, "restartCount": 1,
                           "state": {"running": {}}, "lastState": {"terminated": {"finishedAt": "2026-01-01T00:00:00Z"}}},
                         {"name": "j", "restartCount": 2, "state": {"terminated": {"exitCode": 1, "signal": 9, "reason": "Error"},
                           "waiting": {"reason": "CrashLoopBackOff"}}}],
                       "containerStatuses": [{"name": "a", "ready": true, "restartCount": 3, "state": {"running": {},
                           "waiting": {"reason": "CrashLoopBackOff"}, "terminated": {"exitCode": 2, "signal": 9}},
                         "lastState": {"terminated": {"finishedAt": "2026-01-01T00:00:00Z"}}}]}}""".formatted(META)),
            Map.entry("namespaces", "{%s, \"status\": {\"phase\": \"Active\"}}".formatted(META)),
            Map.entry("services", """
                    {%s, "spec": {"type": "LoadBalancer", "clusterIP": "1.1.1.1", "clusterIPs": ["1.1.1.1"], "externalIPs": ["2.2.2.2"],
                       "externalName": "e", "selector": {"app": "web"}, "ports": [{"port": 80, "nodePort": 30000, "protocol": "TCP"}]},
                     "status": {"loadBalancer": {"ingress": [{"ip": "3.3.3.3"}, {"hostname": "h"}]}}}""".formatted(META)),
            Map.entry("endpoints", """
                    {%s, "subsets": [{"addresses": [{"ip": "1.1.1.1"}], "ports": [{"port": 80}]}, {"addresses": [{"ip": "::1"}]}]}"""
                    .formatted(META)),
            Map.entry("configmaps", "{%s, \"data\": {\"a\": \"b\"}, \"binaryData\": {\"c\": \"\"}}".formatted(META)),
            Map.entry("secrets", "{%s, \"type\": \"Opaque\", \"data\": {\"a\": \"\"}}".formatted(META)),
            Map.entry("serviceaccounts", "{%s, \"secrets\": [{\"name\": \"t\"}]}".formatted(META)),
            Map.entry("nodes", """
                    {%s, "spec": {"unschedulable": true}, "status": {"conditions": [{"type": "Ready", "status": "True"}],
                       "addresses": [{"type": "InternalIP", "address": "1.1.1.1"}, {"type": "ExternalIP", "address": "2.2.2.2"}],
                       "nodeInfo": {"kubeletVersion": "v1", "osImage": "o", "kernelVersion": "k", "containerRuntimeVersion": "c"}}}"""
                    .formatted(META)),
            Map.entry("events", """
                    {%s, "type": "Normal", "reason": "R", "message": "m", "note": "n",
                     "involvedObject": {"kind": "Pod", "name": "p", "fieldPath": "f"}, "regarding": {"kind": "Pod", "name": "p"},
                     "source": {"component": "c", "host": "h"}, "deprecatedSource": {"component": "c"},
                     "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:00:00Z", "count": 2,
                     "deprecatedFirstTimestamp": "2026-01-01T00:00:00Z", "deprecatedLastTimestamp": "2026-01-01T00:00:00Z",
                     "deprecatedCount": 2, "eventTime": "2026-01-01T00:00:00.000000Z",
                     "series": {"count": 3, "lastObservedTime": "2026-01-01T00:00:00Z"},
                     "reportingController": "rc", "reportingInstance": "ri"}""".formatted(META)),
            Map.entry("persistentvolumes", """
                    {%s, "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Delete",
                       "claimRef": {"namespace": "n", "name": "c"}, "storageClassName": "s", "volumeMode": "Block",
                       "volumeAttributesClassName": "v"}, "status": {"phase": "Bound", "reason": "r"}}""".formatted(META)),
            Map.entry("persistentvolumeclaims", """
                    {%s, "spec": {"volumeName": "v", "storageClassName": "s", "volumeMode": "Block", "volumeAttributesClassName": "v",
                       "resources": {"requests": {"storage": "1Gi"}}},
                     "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadOnlyMany"]}}""".formatted(META)),
            Map.entry("resourcequotas", """
                    {%s, "status": {"hard": {"pods": "1", "limits.cpu": "1"}, "used": {"pods": "0", "limits.cpu": "1"}}}"""
                    .formatted(META)),
            Map.entry("limitranges", "{%s, \"spec\": {\"limits\": []}}".formatted(META)),
            Map.entry("replicationcontrollers", """
                    {%s, "spec": {"replicas": 2, "selector": {"app": "web"}, %s}, "status": {"replicas": 1, "readyReplicas": 1}}"""
                    .formatted(META, TEMPLATE)),
            Map.entry("deployments", """
                    {%s, "spec": {"replicas": 2, %s, %s},
                     "status": {"readyReplicas": 1, "updatedReplicas": 1, "availableReplicas": 1}}""".formatted(META, SELECTOR, TEMPLATE)),
            Map.entry("replicasets", """
                    {%s, "spec": {"replicas": 2, %s, %s}, "status": {"replicas": 1, "readyReplicas": 1}}"""
                    .formatted(META, SELECTOR, TEMPLATE)),
            Map.entry("statefulsets", "{%s, \"spec\": {\"replicas\": 2, %s}, \"status\": {\"readyReplicas\": 1}}"
                    .formatted(META, TEMPLATE)),
            Map.entry("daemonsets", """
                    {%s, "spec": {%s, %s}, "status": {"desiredNumberScheduled": 1, "currentNumberScheduled": 1, "numberReady": 1,
                       "updatedNumberScheduled": 1, "numberAvailable": 1}}""".formatted(META, SELECTOR, TEMPLATE)),
            Map.entry("controllerrevisions", "{%s, \"revision\": 3}".formatted(META)),
            Map.entry("jobs", """
                    {%s, "spec": {"completions": 2, "parallelism": 2, %s, %s},
                     "status": {"succeeded": 1, "startTime": "2026-01-01T00:00:00Z", "completionTime": "2026-01-01T00:01:00Z",
                       "conditions": [{"type": "Complete", "status": "True"}]}}""".formatted(META, SELECTOR, TEMPLATE)),
            Map.entry("cronjobs", """
                    {%s, "spec": {"schedule": "* * * * *", "timeZone": "UTC", "suspend": true,
                       "jobTemplate": {"spec": {%s, %s}}},
                     "status": {"active": [{"name": "j"}], "lastScheduleTime": "2026-01-01T00:00:00Z"}}""".formatted(META, SELECTOR, TEMPLATE)),
            Map.entry("horizontalpodautoscalers", """
                    {%s, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 3,
                       "targetCPUUtilizationPercentage": 50,
                       "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"averageUtilization": 50}}},
                         {"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "a", "target": {"averageValue": "1"}}},
                         {"type": "Object", "object": {"target": {"value": "1"}}}, {"type": "Mystery"}]},
                     "status": {"currentReplicas": 2, "currentCPUUtilizationPercentage": 10,
                       "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 10}}},
                         {"type": "ContainerResource", "containerResource": {"current": {"averageValue": "1"}}},
                         {"type": "Object", "object": {"current": {"value": "2"}}}]}}""".formatted(META)),
            Map.entry("poddisruptionbudgets", """
                    {%s, "spec": {"minAvailable": 1, "maxUnavailable": "10%%"}, "status": {"disruptionsAllowed": 1}}""".formatted(META)),
            Map.entry("leases", "{%s, \"spec\": {\"holderIdentity\": \"h\"}}".formatted(META)),
            Map.entry("endpointslices", """
                    {%s, "addressType": "IPv4", "ports": [{"port": 80}, {"name": "p"}, {}],
                     "endpoints": [{"addresses": ["1.1.1.1"]}]}""".formatted(META)),
            Map.entry("storageclasses", """
                    {%s, "provisioner": "p", "reclaimPolicy": "Retain", "volumeBindingMode": "Immediate", "allowVolumeExpansion": true}"""
                    .formatted(META)),
            Map.entry("csidrivers", """
                    {%s, "spec": {"attachRequired": false, "podInfoOnMount": true, "storageCapacity": true,
                       "tokenRequests": [{"audience": "a"}], "requiresRepublish": true, "volumeLifecycleModes": ["Persistent"]}}"""
                    .formatted(META)),
            Map.entry("csinodes", "{%s, \"spec\": {\"drivers\": [{\"name\": \"d\"}]}}".formatted(META)),
            Map.entry("volumeattachments", """
                    {%s, "spec": {"attacher": "a", "nodeName": "n", "source": {"persistentVolumeName": "p"}}, "status": {"attached": true}}"""
                    .formatted(META)),
            Map.entry("runtimeclasses", "{%s, \"handler\": \"runc\"}".formatted(META)),
            Map.entry("priorityclasses", "{%s, \"value\": 5, \"globalDefault\": true, \"preemptionPolicy\": \"Never\"}".formatted(META)),
            Map.entry("roles", "{%s, \"rules\": []}".formatted(META)),
            Map.entry("clusterroles", "{%s, \"rules\": []}".formatted(META)),
            Map.entry("rolebindings", """
                    {%s, "roleRef": {"kind": "Role", "name": "r"}, "subjects": [{"kind": "User", "name": "u"},
                       {"kind": "Group", "name": "g"}, {"kind": "ServiceAccount", "namespace": "n", "name": "s"}]}""".formatted(META)),
            Map.entry("clusterrolebindings", """
                    {%s, "roleRef": {"kind": "ClusterRole", "name": "r"}, "subjects": [{"kind": "User", "name": "u"}]}""".formatted(META)));

    @Test
    void samplesAreDistinctFromTheirEmptyRendering() {
        // Guards the robustness test: a sample that printed like an empty object would test nothing.
        for (ResourceType type : Tables.servedTypes()) {
            JsonObject full = TablePrinter.table(type, List.of(Json.parseObject(SAMPLES.get(type.plural()))), null, null);
            JsonObject empty = TablePrinter.table(type, List.of(new JsonObject()), null, null);
            assertNotEquals(empty.getAsJsonArray("rows"), full.getAsJsonArray("rows"), type.qualifiedPlural());
        }
    }
}
