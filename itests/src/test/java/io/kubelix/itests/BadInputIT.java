package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.itests.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests a server must refuse, sent over raw HTTPS. Each case checks the HTTP code, that the
 * body is a {@code metav1.Status} with Kubernetes' reason (and the field for 422), and that the
 * store did not change: the object is absent or unchanged, and the resourceVersion of the list
 * did not move.
 */
class BadInputIT {
    static final String NS = "bad-input";
    static final String CONFIGMAPS = "/api/v1/namespaces/" + NS + "/configmaps";
    static final String SECRETS = "/api/v1/namespaces/" + NS + "/secrets";

    static KubelixInstance kubelix;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.shared();
        api = kubelix.api();
        Response ns = api.post("/api/v1/namespaces", Manifests.namespace(NS));
        assertTrue(ns.code() == 201 || ns.code() == 409, ns.describe());
    }

    /**
     * The list resourceVersion is the store's revision, which any write moves: wait until writes
     * of earlier tests (such as a namespace being emptied) are over before measuring.
     */
    @BeforeEach
    void quiet() throws Exception {
        String[] last = {listRv(CONFIGMAPS)};
        Poll.until("the store is quiet (no writes for 500 ms)", Duration.ofSeconds(30), () -> {
            Thread.sleep(500);
            String now = listRv(CONFIGMAPS);
            boolean quiet = now.equals(last[0]);
            last[0] = now;
            return Poll.Seen.of(quiet, "revision still moving: " + now);
        });
    }

    @Test
    void malformedJsonIs400() throws Exception {
        String before = listRv(CONFIGMAPS);
        Response r = api.send("POST", CONFIGMAPS, "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"broken-json\"},\"data\":{");
        assertStatus(r, 400, "BadRequest");
        assertAbsent(CONFIGMAPS + "/broken-json");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void malformedYamlIs400() throws Exception {
        String before = listRv(CONFIGMAPS);
        Response r = api.send("POST", CONFIGMAPS, "application/yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken-yaml\n  labels: [unclosed\ndata:\n  a: b\n");
        assertStatus(r, 400, "BadRequest");
        assertAbsent(CONFIGMAPS + "/broken-yaml");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void kindInBodyThatDoesNotMatchTheUrlIs400() throws Exception {
        String before = listRv(CONFIGMAPS);
        JsonObject secretBody = Manifests.secret("mismatched", NS, "Opaque", Map.of("a", "Yg=="));
        assertStatus(api.post(CONFIGMAPS, secretBody), 400, "BadRequest");

        JsonObject unknownKind = Manifests.configMap("unknown-kind", NS, Map.of(), Map.of("a", "b"));
        unknownKind.addProperty("kind", "Frobnicator");
        assertStatus(api.post(CONFIGMAPS, unknownKind), 400, "BadRequest");

        JsonObject wrongVersion = Manifests.configMap("wrong-version", NS, Map.of(), Map.of("a", "b"));
        wrongVersion.addProperty("apiVersion", "apps/v1");
        assertStatus(api.post(CONFIGMAPS, wrongVersion), 400, "BadRequest");

        assertAbsent(CONFIGMAPS + "/mismatched");
        assertAbsent(SECRETS + "/mismatched");
        assertAbsent(CONFIGMAPS + "/unknown-kind");
        assertAbsent(CONFIGMAPS + "/wrong-version");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void unknownResourceIs404() throws Exception {
        String before = listRv(CONFIGMAPS);
        assertStatus(api.get("/api/v1/namespaces/" + NS + "/frobnicators"), 404, "NotFound");
        assertStatus(api.get("/api/v1/frobnicators"), 404, "NotFound");
        JsonObject body = Manifests.typed("v1", "Frobnicator");
        body.add("metadata", Manifests.metadata("f1", NS, Map.of()));
        // Whatever the method, a resource that does not exist is not found (not "method not allowed").
        assertStatus(api.post("/api/v1/namespaces/" + NS + "/frobnicators", body), 404, "NotFound");
        assertStatus(api.put("/api/v1/namespaces/" + NS + "/frobnicators", body), 404, "NotFound");
        assertStatus(api.delete("/api/v1/namespaces/" + NS + "/frobnicators"), 404, "NotFound");
        assertStatus(api.patch("/api/v1/namespaces/" + NS + "/frobnicators", ApiClient.MERGE_PATCH, "{}"), 404,
                "NotFound");
        assertStatus(api.delete("/api/v1/namespaces/" + NS + "/frobnicators/f1"), 404, "NotFound");
        assertStatus(api.post("/apis/apps/v1/namespaces/" + NS + "/frobnicators", body), 404, "NotFound");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void unknownApiVersionIs404() throws Exception {
        String before = listRv(CONFIGMAPS);
        assertStatus(api.get("/api/v2/namespaces/" + NS + "/configmaps"), 404, "NotFound");
        assertStatus(api.get("/apis/apps/v9/namespaces/" + NS + "/deployments"), 404, "NotFound");
        assertStatus(api.get("/apis/no.such.group/v1/things"), 404, "NotFound");
        JsonObject cm = Manifests.configMap("via-v2", NS, Map.of(), Map.of("a", "b"));
        cm.addProperty("apiVersion", "v2");
        assertStatus(api.post("/api/v2/namespaces/" + NS + "/configmaps", cm), 404, "NotFound");
        assertAbsent(CONFIGMAPS + "/via-v2");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void invalidNameIs422WithTheField() throws Exception {
        String before = listRv(CONFIGMAPS);
        Response r = api.post(CONFIGMAPS, Manifests.configMap("Bad_Name", NS, Map.of(), Map.of("a", "b")));
        JsonObject status = assertStatus(r, 422, "Invalid");
        assertCauseField(status, "metadata.name", r);
        JsonObject details = status.getAsJsonObject("details");
        assertEquals("Bad_Name", details.get("name").getAsString(), r.describe());
        assertEquals("ConfigMap", details.get("kind").getAsString(), r.describe());
        assertAbsent(CONFIGMAPS + "/Bad_Name");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void createInAMissingNamespaceIs404() throws Exception {
        String before = listRv(CONFIGMAPS);
        Response r = api.post("/api/v1/namespaces/no-such-namespace/configmaps",
                Manifests.configMap("orphan", null, Map.of(), Map.of("a", "b")));
        JsonObject status = assertStatus(r, 404, "NotFound");
        assertEquals("namespaces \"no-such-namespace\" not found", status.get("message").getAsString(), r.describe());
        assertAbsent("/api/v1/namespaces/no-such-namespace/configmaps/orphan");
        assertAbsent("/api/v1/namespaces/no-such-namespace");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void putWithStaleResourceVersionIs409() throws Exception {
        JsonObject first = created(CONFIGMAPS, Manifests.configMap("stale-put", NS, Map.of(), Map.of("v", "1")));
        JsonObject second = first.deepCopy();
        second.getAsJsonObject("data").addProperty("v", "2");
        Response updated = api.put(CONFIGMAPS + "/stale-put", second);
        assertEquals(200, updated.code(), updated.describe());
        JsonObject current = updated.json();
        awaitQuiet();

        String before = listRv(CONFIGMAPS);
        JsonObject stale = first.deepCopy();
        stale.getAsJsonObject("data").addProperty("v", "3");
        Response r = api.put(CONFIGMAPS + "/stale-put", stale);
        JsonObject status = assertStatus(r, 409, "Conflict");
        assertEquals("Operation cannot be fulfilled on configmaps \"stale-put\": the object has been modified; please "
                + "apply your changes to the latest version and try again", status.get("message").getAsString());
        assertUnchanged(CONFIGMAPS + "/stale-put", current);
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void bodyLargerThan3MiBIs413() throws Exception {
        String before = listRv(CONFIGMAPS);
        String big = "x".repeat(3 * 1024 * 1024 + 1024);
        Response r = api.post(CONFIGMAPS, Manifests.configMap("too-big", NS, Map.of(), Map.of("blob", big)));
        assertStatus(r, 413, "RequestEntityTooLarge");
        assertAbsent(CONFIGMAPS + "/too-big");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void changingTheNameByPutIs400() throws Exception {
        JsonObject original = created(CONFIGMAPS, Manifests.configMap("named-once", NS, Map.of(), Map.of("a", "1")));
        awaitQuiet();
        String before = listRv(CONFIGMAPS);
        JsonObject renamed = original.deepCopy();
        renamed.getAsJsonObject("metadata").addProperty("name", "named-twice");
        Response r = api.put(CONFIGMAPS + "/named-once", renamed);
        assertStatus(r, 400, "BadRequest");
        assertUnchanged(CONFIGMAPS + "/named-once", original);
        assertAbsent(CONFIGMAPS + "/named-twice");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void changingTheTypeOfASecretIs422() throws Exception {
        JsonObject original = created(SECRETS, Manifests.secret("typed", NS, "Opaque", Map.of("a", "Yg==")));
        awaitQuiet();
        String before = listRv(SECRETS);
        JsonObject retyped = original.deepCopy();
        retyped.addProperty("type", "example.com/custom");
        Response r = api.put(SECRETS + "/typed", retyped);
        assertCauseField(assertStatus(r, 422, "Invalid"), "type", r);
        assertUnchanged(SECRETS + "/typed", original);
        assertListUnchanged(SECRETS, before);
    }

    @Test
    void changingTheDataOfAnImmutableConfigMapIs422() throws Exception {
        JsonObject body = Manifests.configMap("frozen", NS, Map.of(), Map.of("a", "1"));
        body.addProperty("immutable", true);
        JsonObject original = created(CONFIGMAPS, body);
        awaitQuiet();
        String before = listRv(CONFIGMAPS);
        JsonObject changed = original.deepCopy();
        changed.getAsJsonObject("data").addProperty("a", "2");
        Response r = api.put(CONFIGMAPS + "/frozen", changed);
        assertCauseField(assertStatus(r, 422, "Invalid"), "data", r);
        assertUnchanged(CONFIGMAPS + "/frozen", original);
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void missingOrWrongTokenIs401() throws Exception {
        String before = listRv(CONFIGMAPS);
        byte[] body = Manifests.configMap("unauthenticated", NS, Map.of(), Map.of("a", "b")).toString()
                .getBytes(StandardCharsets.UTF_8);
        assertStatus(api.sendAs(null, "GET", "/api/v1/namespaces", null, null), 401, "Unauthorized");
        assertStatus(api.sendAs(null, "POST", CONFIGMAPS, "application/json", body), 401, "Unauthorized");
        assertStatus(api.sendAs("Bearer not-the-token", "GET", CONFIGMAPS, null, null), 401, "Unauthorized");
        assertStatus(api.sendAs("Bearer " + kubelix.token() + "x", "POST", CONFIGMAPS, "application/json", body),
                401, "Unauthorized");
        assertStatus(api.sendAs("Basic YWRtaW46YWRtaW4=", "GET", CONFIGMAPS, null, null), 401, "Unauthorized");
        assertAbsent(CONFIGMAPS + "/unauthenticated");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void undecodableProtobufIs400AndUnknownMediaTypeIs415() throws Exception {
        String before = listRv(CONFIGMAPS);
        // Protobuf bodies (what kubectl >= 1.32 sends for its generators) are read; one that does not decode
        // is refused as bad input, not misread. This envelope names a ConfigMap but carries no object.
        byte[] noObject = new byte[] {'k', '8', 's', 0, 0x0a, 0x0f, 0x0a, 0x02, 'v', '1', 0x12, 0x09,
                'C', 'o', 'n', 'f', 'i', 'g', 'M', 'a', 'p'};
        assertStatus(api.send("POST", CONFIGMAPS, "application/vnd.kubernetes.protobuf", noObject), 400,
                "BadRequest");
        // The object cut short: raw says 10 bytes follow, 2 do.
        byte[] truncated = java.util.Arrays.copyOf(noObject, noObject.length + 4);
        truncated[noObject.length] = 0x12;
        truncated[noObject.length + 1] = 0x0a;
        truncated[noObject.length + 2] = 0x0a;
        truncated[noObject.length + 3] = 0x00;
        assertStatus(api.send("POST", CONFIGMAPS, "application/vnd.kubernetes.protobuf", truncated), 400,
                "BadRequest");
        // Without the "k8s\0" prefix it is not a Kubernetes protobuf body at all.
        assertStatus(api.send("POST", CONFIGMAPS, "application/vnd.kubernetes.protobuf",
                "{\"metadata\":{\"name\":\"json-in-disguise\"}}".getBytes(StandardCharsets.UTF_8)), 400,
                "BadRequest");
        assertStatus(api.send("POST", CONFIGMAPS, "text/plain", "name=plain"), 415, "UnsupportedMediaType");
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void badLabelSelectorIs400() throws Exception {
        for (String selector : List.of("app%20in%20(a", "app%3D%3D%3Db", "%3Dvalue", "a%20notin")) {
            Response r = api.get(CONFIGMAPS + "?labelSelector=" + selector);
            assertStatus(r, 400, "BadRequest");
        }
    }

    @Test
    void unknownFieldSelectorFieldIs400() throws Exception {
        Response r = api.get(CONFIGMAPS + "?fieldSelector=spec.nothing%3Dx");
        JsonObject status = assertStatus(r, 400, "BadRequest");
        assertTrue(status.get("message").getAsString().contains("spec.nothing"), r.describe());
        assertStatus(api.get(CONFIGMAPS + "?watch=true&fieldSelector=spec.nothing%3Dx"), 400, "BadRequest");
    }

    @Test
    void badJsonPatchIsRefused() throws Exception {
        JsonObject original = created(CONFIGMAPS, Manifests.configMap("patched-badly", NS, Map.of(), Map.of("a", "1")));
        awaitQuiet();
        String before = listRv(CONFIGMAPS);
        String path = CONFIGMAPS + "/patched-badly";
        for (String patch : List.of(
                "[{\"op\":\"frobnicate\",\"path\":\"/data/a\",\"value\":\"2\"}]",
                "{\"data\":{\"a\":\"2\"}}",
                "[{\"op\":\"replace\",\"path\":\"/data/a\"",
                "[{\"op\":\"remove\",\"path\":\"/data/missing\"}]",
                "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"other\"},{\"op\":\"replace\",\"path\":\"/data/a\","
                        + "\"value\":\"2\"}]")) {
            Response r = api.patch(path, ApiClient.JSON_PATCH, patch);
            assertTrue(r.code() == 400 || r.code() == 422, "patch " + patch + ": " + r.describe());
            assertStatus(r, r.code(), r.code() == 400 ? "BadRequest" : "Invalid");
        }
        Response notJson = api.patch(path, ApiClient.MERGE_PATCH, "{\"data\":");
        assertStatus(notJson, 400, "BadRequest");
        assertUnchanged(path, original);
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void deleteOfAMissingObjectIs404() throws Exception {
        String before = listRv(CONFIGMAPS);
        Response r = api.delete(CONFIGMAPS + "/never-existed");
        JsonObject status = assertStatus(r, 404, "NotFound");
        assertEquals("configmaps \"never-existed\" not found", status.get("message").getAsString(), r.describe());
        JsonObject details = status.getAsJsonObject("details");
        assertEquals("never-existed", details.get("name").getAsString(), r.describe());
        assertEquals("configmaps", details.get("kind").getAsString(), r.describe());
        assertListUnchanged(CONFIGMAPS, before);
    }

    @Test
    void kubectlApplyOfAnInvalidPodFailsAndLeavesNothing() throws Exception {
        String pods = "/api/v1/namespaces/" + NS + "/pods";
        String before = listRv(pods);
        String manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: no-containers\nspec:\n  containers: []\n";
        Result r = kubelix.kubectlWithInput(manifest, "apply", "-f", "-", "-n", NS);
        assertEquals(1, r.code(), r.describe());
        assertTrue(r.stderr().contains("The Pod \"no-containers\" is invalid:"), r.describe());
        assertTrue(r.stderr().contains("spec.containers"), r.describe());
        assertAbsent(pods + "/no-containers");

        String badName = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad-container\nspec:\n  containers:\n"
                + "    - name: Not_Valid\n      image: busybox\n";
        Result r2 = kubelix.kubectlWithInput(badName, "apply", "-f", "-", "-n", NS);
        assertEquals(1, r2.code(), r2.describe());
        assertTrue(r2.stderr().contains("The Pod \"bad-container\" is invalid:"), r2.describe());
        assertTrue(r2.stderr().contains("spec.containers[0].name"), r2.describe());
        assertAbsent(pods + "/bad-container");
        assertListUnchanged(pods, before);
    }

    // ---- helpers ----

    static String listRv(String collection) throws Exception {
        Response r = api.get(collection);
        assertEquals(200, r.code(), r.describe());
        String rv = Manifests.resourceVersion(r.json());
        assertTrue(rv != null && !rv.isEmpty(), "a list carries metadata.resourceVersion: " + r.describe());
        return rv;
    }

    void awaitQuiet() throws Exception {
        quiet();
    }

    static JsonObject created(String collection, JsonObject body) throws Exception {
        Response r = api.post(collection, body);
        assertEquals(201, r.code(), r.describe());
        return r.json();
    }

    /** The reply is a metav1.Status for this code and reason; returns it. */
    static JsonObject assertStatus(Response r, int code, String reason) {
        assertEquals(code, r.code(), r.describe());
        assertTrue(r.contentType().startsWith("application/json"), "Status replies are JSON: " + r.describe());
        JsonObject status = r.json();
        assertEquals("Status", string(status, "kind"), r.describe());
        assertEquals("v1", string(status, "apiVersion"), r.describe());
        assertEquals("Failure", string(status, "status"), r.describe());
        assertEquals(reason, string(status, "reason"), r.describe());
        assertEquals(code, status.get("code").getAsInt(), r.describe());
        String message = string(status, "message");
        assertTrue(message != null && !message.isBlank(), "a Status says what is wrong: " + r.describe());
        return status;
    }

    static void assertCauseField(JsonObject status, String field, Response r) {
        JsonObject details = status.getAsJsonObject("details");
        assertTrue(details != null && details.has("causes"), "422 names the fields: " + r.describe());
        JsonArray causes = details.getAsJsonArray("causes");
        List<String> fields = new ArrayList<>();
        for (JsonElement c : causes) {
            fields.add(string(c.getAsJsonObject(), "field"));
        }
        assertTrue(fields.contains(field), "expected a cause for " + field + ", got " + fields + ": " + r.describe());
    }

    static void assertAbsent(String path) throws Exception {
        Response r = api.get(path);
        assertEquals(404, r.code(), "expected nothing at " + path + ": " + r.describe());
    }

    /** The object is exactly as it was: same resourceVersion and content. */
    static void assertUnchanged(String path, JsonObject expected) throws Exception {
        Response r = api.get(path);
        assertEquals(200, r.code(), r.describe());
        JsonObject now = r.json();
        assertEquals(Manifests.resourceVersion(expected), Manifests.resourceVersion(now), r.describe());
        for (String field : Set.of("data", "type", "immutable", "spec")) {
            assertEquals(expected.get(field), now.get(field), field + " changed: " + r.describe());
        }
        assertEquals(expected.getAsJsonObject("metadata").get("labels"), now.getAsJsonObject("metadata").get("labels"));
    }

    static void assertListUnchanged(String collection, String before) throws Exception {
        String after = listRv(collection);
        assertEquals(before, after, "a refused request must not write: the list resourceVersion of " + collection
                + " moved");
    }

    static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
