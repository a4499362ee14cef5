package io.kubelix.registry.impl.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSetTest {
    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","uid":"u","resourceVersion":"7",
                         "labels":{"app":"web"},"finalizers":["example.com/hold"]},
             "spec":{"replicas":2,
               "template":{"spec":{"containers":[
                 {"name":"nginx","image":"nginx:1",
                  "ports":[{"containerPort":80,"protocol":"TCP"}],
                  "env":[{"name":"MODE","value":"fast"}],
                  "args":["-v","-x"]}]}}},
             "status":{"replicas":2}}""";

    private static FieldSet deploymentFields() {
        return FieldSet.ofObject(Json.parseObject(DEPLOYMENT));
    }

    @Test
    void keysListElementsByTheirMergeKeyAndLeavesOutServerFields() {
        FieldSet set = deploymentFields();
        List<String> container = List.of("f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"nginx\"}");
        assertTrue(set.contains(List.of("f:spec", "f:replicas")));
        assertTrue(set.contains(container), "the container element itself is owned");
        assertTrue(set.contains(append(container, "f:image")));
        assertTrue(set.contains(append(container, "f:ports", "k:{\"containerPort\":80}", "f:protocol")));
        assertTrue(set.contains(append(container, "f:env", "k:{\"name\":\"MODE\"}", "f:value")));
        assertTrue(set.contains(append(container, "f:args")), "a list without merge key is atomic");
        assertFalse(set.contains(append(container, "f:args", "v:\"-v\"")));
        assertTrue(set.contains(List.of("f:metadata", "f:finalizers", "v:\"example.com/hold\"")));
        assertTrue(set.contains(List.of("f:metadata", "f:labels", "f:app")));
        for (List<String> path : set.paths()) {
            String first = path.get(0);
            assertFalse(first.equals("f:status") || first.equals("f:apiVersion") || first.equals("f:kind"), path::toString);
            if (first.equals("f:metadata")) {
                assertFalse(List.of("f:name", "f:namespace", "f:uid", "f:resourceVersion").contains(path.get(1)),
                        path::toString);
            }
        }
    }

    @Test
    void servicePortsKeyOnPortNotContainerPort() {
        FieldSet set = FieldSet.ofObject(Json.parseObject(
                "{\"spec\":{\"ports\":[{\"port\":443,\"targetPort\":8443}]}}"));
        assertTrue(set.contains(List.of("f:spec", "f:ports", "k:{\"port\":443}", "f:targetPort")), set::toString);
    }

    @Test
    void fieldsV1MarksElementsThatAreMembersWithDot() {
        JsonObject v1 = FieldSet.ofObject(Json.parseObject(
                "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}")).toFieldsV1();
        JsonObject element = v1.getAsJsonObject("f:spec").getAsJsonObject("f:containers")
                .getAsJsonObject("k:{\"name\":\"a\"}");
        assertEquals(Json.parseObject("{\".\":{},\"f:image\":{},\"f:name\":{}}"), element);
    }

    @Test
    void fieldsV1RoundTrips() {
        FieldSet set = deploymentFields();
        JsonObject v1 = set.toFieldsV1();
        assertEquals(set, FieldSet.fromFieldsV1(v1));
        // through text, as stored
        assertEquals(set, FieldSet.fromFieldsV1(Json.parseObject(v1.toString())));
    }

    @Test
    void readsFieldsV1AsKubernetesWritesIt() {
        FieldSet set = FieldSet.fromFieldsV1(Json.parseObject(
                "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{}}}"));
        assertEquals(3, set.paths().size());
        assertTrue(set.contains(List.of("f:metadata", "f:labels")));
        assertTrue(set.contains(List.of("f:spec", "f:replicas")));
    }

    @Test
    void rejectsMalformedFieldsV1() {
        assertThrows(IllegalArgumentException.class, () -> FieldSet.fromFieldsV1(Json.parseObject("{\"spec\":{}}")));
        assertThrows(IllegalArgumentException.class, () -> FieldSet.fromFieldsV1(Json.parseObject("{\"f:a\":1}")));
    }

    @Test
    void setAlgebra() {
        FieldSet a = FieldSet.ofObject(Json.parseObject("{\"data\":{\"x\":\"1\",\"y\":\"2\"}}"));
        FieldSet b = FieldSet.ofObject(Json.parseObject("{\"data\":{\"y\":\"3\",\"z\":\"4\"}}"));
        assertEquals(FieldSet.ofObject(Json.parseObject("{\"data\":{\"x\":\"\"}}")), a.minus(b));
        assertEquals(FieldSet.ofObject(Json.parseObject("{\"data\":{\"y\":\"\"}}")), a.intersect(b));
        assertEquals(3, a.union(b).paths().size());
        assertTrue(a.containsWithin(List.of("f:data")));
        assertFalse(a.containsWithin(List.of("f:spec")));
    }

    @Test
    void valuesAreFoundAndRemovedByPath() {
        JsonObject d = Json.parseObject(DEPLOYMENT);
        List<String> env = List.of("f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"nginx\"}",
                "f:env", "k:{\"name\":\"MODE\"}");
        assertEquals("fast", FieldValues.valueAt(d, append(env, "f:value")).getAsString());
        FieldValues.remove(d, env);
        assertNull(FieldValues.valueAt(d, env));
        assertEquals(0, d.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers").get(0).getAsJsonObject().getAsJsonArray("env").size());
        List<String> finalizer = List.of("f:metadata", "f:finalizers", "v:\"example.com/hold\"");
        FieldValues.remove(d, finalizer);
        assertEquals(0, d.getAsJsonObject("metadata").getAsJsonArray("finalizers").size());
        FieldValues.remove(d, List.of("f:spec", "f:nothing", "f:here"));
    }

    @Test
    void describesPathsAsKubernetesPrintsThem() {
        assertEquals(".spec.replicas", FieldSet.describe(List.of("f:spec", "f:replicas")));
        assertEquals(".spec.containers[name=\"a\"].image",
                FieldSet.describe(List.of("f:spec", "f:containers", "k:{\"name\":\"a\"}", "f:image")));
    }

    private static List<String> append(List<String> path, String... more) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(path);
        out.addAll(List.of(more));
        return out;
    }
}
