package io.kubelix.itests.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.kubelix.itests.KubelixInstance;
import io.kubelix.itests.Poll;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Java client (io.kubernetes:client-java), which Kubelix did not write,
 * against a running Kubelix with its admin kubeconfig: CRUD with JSON bodies and with protobuf
 * bodies, the three patch types, watch, informer and the error codes the client turns into
 * {@link ApiException}. Everything happens in the namespace {@value #NS}.
 */
class JavaClientIT {
    static final String NS = "java-client";

    private static ApiClient client;
    private static CoreV1Api core;
    private static AppsV1Api apps;
    private static KubelixInstance kubelix;

    @BeforeAll
    static void connect() throws Exception {
        kubelix = KubelixInstance.shared();
        // A read timeout well above the watch timeouts used here, so a server that never answers fails the test.
        client = newClient(Duration.ofSeconds(40));
        core = new CoreV1Api(client);
        apps = new AppsV1Api(client);
        V1Namespace created = call("create namespace " + NS,
                () -> core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NS))).execute());
        assertEquals(NS, created.getMetadata().getName());
        assertNotNull(created.getMetadata().getUid(), "a created namespace has a uid");
        assertNotNull(created.getMetadata().getCreationTimestamp(), "a created namespace has a creationTimestamp");
    }

    @AfterAll
    static void cleanUp() {
        // The shared instance serves other test classes: leave nothing running on it.
        if (informerFactory != null) {
            informerFactory.stopAllRegisteredInformers();
        }
    }

    // ---- JSON CRUD ----

    @Test
    void configMapCreateReadListReplaceDelete() throws Exception {
        V1ConfigMap created = call("create", () -> core.createNamespacedConfigMap(NS,
                configMap("crud", Map.of("app", "java-crud"), Map.of("greeting", "hello"))).execute());
        assertEquals("hello", created.getData().get("greeting"));
        assertNotNull(created.getMetadata().getResourceVersion(), "a created object has a resourceVersion");
        call("create unrelated", () -> core.createNamespacedConfigMap(NS,
                configMap("crud-other", Map.of("app", "something-else"), Map.of())).execute());

        V1ConfigMap read = call("read", () -> core.readNamespacedConfigMap("crud", NS).execute());
        assertEquals(created.getMetadata().getUid(), read.getMetadata().getUid());
        assertEquals(Map.of("greeting", "hello"), read.getData());
        assertEquals(Map.of("app", "java-crud"), read.getMetadata().getLabels());

        V1ConfigMapList selected = call("list by label",
                () -> core.listNamespacedConfigMap(NS).labelSelector("app=java-crud").execute());
        assertEquals(List.of("crud"), names(selected), "the label selector keeps only the matching ConfigMap");
        assertNotNull(selected.getMetadata().getResourceVersion(), "a list has a resourceVersion");
        V1ConfigMapList byField = call("list by field",
                () -> core.listNamespacedConfigMap(NS).fieldSelector("metadata.name=crud-other").execute());
        assertEquals(List.of("crud-other"), names(byField));

        read.setData(Map.of("greeting", "bonjour"));
        V1ConfigMap replaced = call("replace", () -> core.replaceNamespacedConfigMap("crud", NS, read).execute());
        assertEquals(Map.of("greeting", "bonjour"), replaced.getData());
        assertNotEquals(read.getMetadata().getResourceVersion(), replaced.getMetadata().getResourceVersion(),
                "a replace that changes data gets a new resourceVersion");

        // Replacing with the stale resourceVersion is a conflict.
        ApiException stale = assertThrows(ApiException.class,
                () -> core.replaceNamespacedConfigMap("crud", NS, read.data(Map.of("greeting", "hola"))).execute());
        assertEquals(409, stale.getCode(), describe(stale));

        call("delete", () -> core.deleteNamespacedConfigMap("crud", NS).execute());
        ApiException gone = assertThrows(ApiException.class, () -> core.readNamespacedConfigMap("crud", NS).execute());
        assertEquals(404, gone.getCode(), describe(gone));
        call("delete unrelated", () -> core.deleteNamespacedConfigMap("crud-other", NS).execute());
    }

    @Test
    void secretDataRoundTripsAsBytesAndStringDataIsFolded() throws Exception {
        byte[] binary = {0, 1, 2, (byte) 0xff, 'k'};
        V1Secret secret = new V1Secret().metadata(new V1ObjectMeta().name("creds")).type("Opaque")
                .data(Map.of("blob", binary)).stringData(Map.of("password", "s3cret"));
        call("create secret", () -> core.createNamespacedSecret(NS, secret).execute());

        V1Secret read = call("read secret", () -> core.readNamespacedSecret("creds", NS).execute());
        assertArrayEquals(binary, read.getData().get("blob"), "binary data comes back byte for byte");
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), read.getData().get("password"),
                "stringData is stored as data");
        assertTrue(read.getStringData() == null || read.getStringData().isEmpty(),
                "stringData is write-only, but read back: " + read.getStringData());
        assertEquals("Opaque", read.getType());

        call("delete secret", () -> core.deleteNamespacedSecret("creds", NS).execute());
        ApiException gone = assertThrows(ApiException.class, () -> core.readNamespacedSecret("creds", NS).execute());
        assertEquals(404, gone.getCode(), describe(gone));
    }

    @Test
    void emptyCollectionsAreNotEchoedBack() throws Exception {
        // The client's models start every list and map empty and send them so; Kubernetes stores
        // them as absent (omitempty) and never answers "annotations":{} or "finalizers":[].
        call("create", () -> core.createNamespacedConfigMap(NS, configMap("empties", Map.of(), Map.of("k", "v")))
                .execute());
        okhttp3.Request request = new okhttp3.Request.Builder()
                .url(client.getBasePath() + "/api/v1/namespaces/" + NS + "/configmaps/empties")
                .header("Accept", "application/json").header("Authorization", "Bearer " + kubelix.token()).build();
        String body;
        try (okhttp3.Response response = client.getHttpClient().newCall(request).execute()) {
            body = response.body().string();
            assertEquals(200, response.code(), body);
        }
        JsonObject object = JsonParser.parseString(body).getAsJsonObject();
        List<String> empties = new ArrayList<>(emptyFields(object, ""));
        empties.addAll(emptyFields(object.getAsJsonObject("metadata"), "metadata."));
        assertEquals(List.of(), empties, "empty fields in " + body);
        call("delete", () -> core.deleteNamespacedConfigMap("empties", NS).execute());
    }

    private static List<String> emptyFields(JsonObject object, String prefix) {
        return object.entrySet().stream()
                .filter(e -> e.getValue().isJsonArray() && e.getValue().getAsJsonArray().isEmpty()
                        || e.getValue().isJsonObject() && e.getValue().getAsJsonObject().isEmpty())
                .map(e -> prefix + e.getKey()).sorted().collect(Collectors.toList());
    }

    // ---- patches ----

    @Test
    void mergePatchAndJsonPatchOnAConfigMap() throws Exception {
        call("create", () -> core.createNamespacedConfigMap(NS,
                configMap("patched", Map.of("tier", "a"), Map.of("keep", "1", "drop", "2", "change", "3"))).execute());

        // A merge patch sets, adds and (with null) removes keys; what it does not name stays.
        V1ConfigMap merged = PatchUtils.patch(V1ConfigMap.class,
                () -> core.patchNamespacedConfigMap("patched", NS,
                        new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"b\"}},"
                                + "\"data\":{\"drop\":null,\"change\":\"33\",\"new\":\"4\"}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        assertEquals(Map.of("keep", "1", "change", "33", "new", "4"), merged.getData(), "after the merge patch");
        assertEquals(Map.of("tier", "b"), merged.getMetadata().getLabels());

        V1ConfigMap jsonPatched = PatchUtils.patch(V1ConfigMap.class,
                () -> core.patchNamespacedConfigMap("patched", NS, new V1Patch("["
                        + "{\"op\":\"test\",\"path\":\"/data/keep\",\"value\":\"1\"},"
                        + "{\"op\":\"replace\",\"path\":\"/data/keep\",\"value\":\"one\"},"
                        + "{\"op\":\"remove\",\"path\":\"/data/new\"},"
                        + "{\"op\":\"add\",\"path\":\"/data/added\",\"value\":\"5\"}]")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_PATCH, client);
        assertEquals(Map.of("keep", "one", "change", "33", "added", "5"), jsonPatched.getData(), "after the JSON patch");

        // A JSON patch whose test fails changes nothing and is rejected.
        ApiException failedTest = assertThrows(ApiException.class, () -> PatchUtils.patch(V1ConfigMap.class,
                () -> core.patchNamespacedConfigMap("patched", NS, new V1Patch(
                        "[{\"op\":\"test\",\"path\":\"/data/keep\",\"value\":\"not-this\"}]")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_PATCH, client));
        assertEquals(422, failedTest.getCode(), "a failed JSON patch test is rejected: " + describe(failedTest));
        assertEquals("one", core.readNamespacedConfigMap("patched", NS).execute().getData().get("keep"));

        call("delete", () -> core.deleteNamespacedConfigMap("patched", NS).execute());
    }

    @Test
    void strategicMergePatchChangesOneContainerImageOfADeployment() throws Exception {
        V1Deployment deployment = new V1Deployment()
                .metadata(new V1ObjectMeta().name("web").labels(Map.of("app", "web")))
                .spec(new V1DeploymentSpec().replicas(1)
                        .selector(new V1LabelSelector().matchLabels(Map.of("app", "web")))
                        .template(new V1PodTemplateSpec()
                                .metadata(new V1ObjectMeta().labels(Map.of("app", "web")))
                                .spec(new V1PodSpec().containers(List.of(
                                        new V1Container().name("app").image("nginx:1.25"),
                                        new V1Container().name("sidecar").image("busybox:1.36"))))));
        V1Deployment created = call("create deployment",
                () -> apps.createNamespacedDeployment(NS, deployment).execute());
        assertEquals(2, created.getSpec().getTemplate().getSpec().getContainers().size());

        // Strategic merge: containers merge by name, so naming only "app" keeps "sidecar".
        V1Deployment patched = PatchUtils.patch(V1Deployment.class,
                () -> apps.patchNamespacedDeployment("web", NS, new V1Patch(
                        "{\"spec\":{\"replicas\":3,\"template\":{\"spec\":{\"containers\":"
                                + "[{\"name\":\"app\",\"image\":\"nginx:1.27\"}]}}}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        Map<String, String> images = patched.getSpec().getTemplate().getSpec().getContainers().stream()
                .collect(Collectors.toMap(V1Container::getName, V1Container::getImage));
        assertEquals(Map.of("app", "nginx:1.27", "sidecar", "busybox:1.36"), images,
                "the strategic merge patch changes only the named container");
        assertEquals(3, patched.getSpec().getReplicas());
        assertTrue(patched.getMetadata().getGeneration() > created.getMetadata().getGeneration(),
                "a spec change bumps metadata.generation");

        V1Deployment read = call("read deployment", () -> apps.readNamespacedDeployment("web", NS).execute());
        assertEquals("nginx:1.27", read.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        call("delete deployment", () -> apps.deleteNamespacedDeployment("web", NS).execute());
        Poll.until("the deployment is gone", Duration.ofSeconds(20), () -> {
            try {
                apps.readNamespacedDeployment("web", NS).execute();
                return Poll.Seen.of(false, "still readable");
            } catch (ApiException e) {
                return Poll.Seen.of(e.getCode() == 404, describe(e));
            }
        });
    }

    // ---- errors ----

    @Test
    void errorsArriveAsApiExceptionsWithTheStatus() throws Exception {
        ApiException missing = assertThrows(ApiException.class,
                () -> core.readNamespacedConfigMap("does-not-exist", NS).execute());
        assertStatus(missing, 404, "NotFound", "does-not-exist");

        call("create", () -> core.createNamespacedConfigMap(NS, configMap("twice", Map.of(), Map.of())).execute());
        ApiException duplicate = assertThrows(ApiException.class,
                () -> core.createNamespacedConfigMap(NS, configMap("twice", Map.of(), Map.of())).execute());
        assertStatus(duplicate, 409, "AlreadyExists", "twice");

        ApiException invalid = assertThrows(ApiException.class,
                () -> core.createNamespacedConfigMap(NS, configMap("Not_A_Name", Map.of(), Map.of())).execute());
        assertStatus(invalid, 422, "Invalid", "Not_A_Name");

        ApiException noNamespace = assertThrows(ApiException.class,
                () -> core.createNamespacedConfigMap("no-such-namespace",
                        configMap("x", Map.of(), Map.of())).execute());
        assertStatus(noNamespace, 404, "NotFound", "no-such-namespace");

        call("delete", () -> core.deleteNamespacedConfigMap("twice", NS).execute());
    }

    private static void assertStatus(ApiException e, int code, String reason, String mentioned) {
        assertEquals(code, e.getCode(), describe(e));
        assertNotNull(e.getResponseBody(), "the error has a body: " + describe(e));
        JsonObject status = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
        assertEquals("Status", status.get("kind").getAsString(), describe(e));
        assertEquals("Failure", status.get("status").getAsString(), describe(e));
        assertEquals(code, status.get("code").getAsInt(), describe(e));
        assertEquals(reason, status.get("reason").getAsString(), describe(e));
        assertTrue(status.get("message").getAsString().contains(mentioned),
                "the message names " + mentioned + ": " + describe(e));
    }

    // ---- watch ----

    @Test
    void watchSeesAddedModifiedDeleted() throws Exception {
        String from = call("list", () -> core.listNamespacedConfigMap(NS).labelSelector("watched=yes").execute())
                .getMetadata().getResourceVersion();
        Type eventType = new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType();
        BlockingQueue<Watch.Response<V1ConfigMap>> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> reading;
        // The server ends the watch after timeoutSeconds, so the reader thread ends on its own too.
        okhttp3.Call watchCall = core.listNamespacedConfigMap(NS)
                .labelSelector("watched=yes").resourceVersion(from).watch(true).timeoutSeconds(20)
                .buildCall(null);
        Watch<V1ConfigMap> watch = Watch.createWatch(client, watchCall, eventType);
        try {
            reading = CompletableFuture.runAsync(() -> {
                for (Watch.Response<V1ConfigMap> event : watch) {
                    events.add(event);
                }
            });

            call("create", () -> core.createNamespacedConfigMap(NS,
                    configMap("watched", Map.of("watched", "yes"), Map.of("n", "1"))).execute());
            PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("watched", NS,
                    new V1Patch("{\"data\":{\"n\":\"2\"}}")).buildCall(null),
                    V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
            call("create unwatched", () -> core.createNamespacedConfigMap(NS,
                    configMap("not-watched", Map.of("watched", "no"), Map.of())).execute());
            call("delete", () -> core.deleteNamespacedConfigMap("watched", NS).execute());

            List<String> seen = new ArrayList<>();
            List<Watch.Response<V1ConfigMap>> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Watch.Response<V1ConfigMap> event = events.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    received.add(event);
                    seen.add(event.type + " " + (event.object == null ? event.status : event.object.getMetadata().getName()));
                }
                if (reading.isDone() && events.isEmpty()) {
                    break;
                }
            }
            assertEquals(List.of("ADDED watched", "MODIFIED watched", "DELETED watched"), seen,
                    "events of the watch from resourceVersion " + from + (reading.isCompletedExceptionally()
                            ? "; the watch failed: " + reading.handle((v, t) -> t).join() : ""));
            assertEquals("1", received.get(0).object.getData().get("n"));
            assertEquals("2", received.get(1).object.getData().get("n"));
            assertTrue(Long.parseLong(received.get(1).object.getMetadata().getResourceVersion())
                    > Long.parseLong(received.get(0).object.getMetadata().getResourceVersion()),
                    "resourceVersions grow along the watch");
        } finally {
            // Closing the body while the reader thread reads it trips okio; cancelling the call is thread-safe.
            watchCall.cancel();
        }
        call("delete unwatched", () -> core.deleteNamespacedConfigMap("not-watched", NS).execute());
    }

    // ---- informer ----

    private static SharedInformerFactory informerFactory;

    @Test
    void sharedInformerSyncsAndSeesAnAdd() throws Exception {
        call("create before", () -> core.createNamespacedConfigMap(NS,
                configMap("informed-before", Map.of("informed", "yes"), Map.of())).execute());

        // Informers hold their watch open: no read timeout, as the client's documentation asks.
        ApiClient watchClient = newClient(Duration.ZERO);
        CoreV1Api watchCore = new CoreV1Api(watchClient);
        informerFactory = new SharedInformerFactory(watchClient);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        SharedIndexInformer<V1ConfigMap> informer = informerFactory.sharedIndexInformerFor(
                params -> watchCore.listNamespacedConfigMap(NS).labelSelector("informed=yes")
                        .resourceVersion(params.resourceVersion).watch(params.watch)
                        .timeoutSeconds(params.timeoutSeconds).buildCall(null),
                V1ConfigMap.class, V1ConfigMapList.class, 0L, (type, error) -> failures.add(error));
        BlockingQueue<String> added = new LinkedBlockingQueue<>();
        BlockingQueue<String> updated = new LinkedBlockingQueue<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1ConfigMap obj) {
                added.add(obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
                updated.add(newObj.getMetadata().getName() + " " + newObj.getData());
            }

            @Override
            public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
            }
        });
        informerFactory.startAllRegisteredInformers();
        try {
            Poll.until("the informer has synced", Duration.ofSeconds(20),
                    () -> Poll.Seen.of(informer.hasSynced(), "not synced; errors: " + failures));
            assertEquals(Set.of("informed-before"), Set.copyOf(informer.getIndexer().listKeys().stream()
                    .map(key -> key.substring(key.indexOf('/') + 1)).collect(Collectors.toList())),
                    "the informer's cache after the initial list");

            call("create after", () -> core.createNamespacedConfigMap(NS,
                    configMap("informed-after", Map.of("informed", "yes"), Map.of("v", "1"))).execute());
            Set<String> addedNames = new java.util.HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!addedNames.contains("informed-after") && System.nanoTime() < deadline) {
                String name = added.poll(200, TimeUnit.MILLISECONDS);
                if (name != null) {
                    addedNames.add(name);
                }
            }
            assertTrue(addedNames.contains("informed-after"),
                    "the informer saw the add; adds seen: " + addedNames + ", errors: " + failures);

            PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("informed-after", NS,
                    new V1Patch("{\"data\":{\"v\":\"2\"}}")).buildCall(null),
                    V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
            String update = updated.poll(15, TimeUnit.SECONDS);
            assertEquals("informed-after {v=2}", update, "the informer saw the update; errors: " + failures);
        } finally {
            informerFactory.stopAllRegisteredInformers();
            informerFactory = null;
        }
        call("delete before", () -> core.deleteNamespacedConfigMap("informed-before", NS).execute());
        call("delete after", () -> core.deleteNamespacedConfigMap("informed-after", NS).execute());
    }

    // ---- protobuf ----

    /** The body of a protobuf request: the prefix "k8s\0", then a runtime.Unknown holding the object. */
    private static byte[] protobufEnvelope(com.google.protobuf.Message object, String apiVersion, String kind) {
        byte[] unknown = io.kubernetes.client.proto.Runtime.Unknown.newBuilder()
                .setTypeMeta(io.kubernetes.client.proto.Runtime.TypeMeta.newBuilder()
                        .setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).build().toByteArray();
        byte[] body = new byte[4 + unknown.length];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    @Test
    void protobufRequestBodyWithJsonAnswer() throws Exception {
        V1.ConfigMap object = V1.ConfigMap.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("proto-in").putLabels("wire", "protobuf"))
                .putData("k", "v").build();
        okhttp3.Request request = new okhttp3.Request.Builder()
                .url(client.getBasePath() + "/api/v1/namespaces/" + NS + "/configmaps")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + kubelix.token())
                .post(okhttp3.RequestBody.create(protobufEnvelope(object, "v1", "ConfigMap"),
                        okhttp3.MediaType.get("application/vnd.kubernetes.protobuf")))
                .build();
        try (okhttp3.Response response = client.getHttpClient().newCall(request).execute()) {
            String body = response.body().string();
            assertEquals(201, response.code(), "a ConfigMap posted as protobuf: " + body);
            JsonObject created = JsonParser.parseString(body).getAsJsonObject();
            assertEquals("v", created.getAsJsonObject("data").get("k").getAsString(), body);
        }
        V1ConfigMap read = call("read as JSON", () -> core.readNamespacedConfigMap("proto-in", NS).execute());
        assertEquals(Map.of("k", "v"), read.getData());
        assertEquals(Map.of("wire", "protobuf"), read.getMetadata().getLabels());
        call("delete", () -> core.deleteNamespacedConfigMap("proto-in", NS).execute());
    }

    // ---- helpers ----

    /** A client of its own from the admin kubeconfig, the way an application would load it. */
    private static ApiClient newClient(Duration readTimeout) throws java.io.IOException {
        try (Reader reader = Files.newBufferedReader(kubelix.kubeconfig(), StandardCharsets.UTF_8)) {
            return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).setReadTimeout(readTimeout).build();
        }
    }

    private static V1ConfigMap configMap(String name, Map<String, String> labels, Map<String, String> data) {
        return new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
                .metadata(new V1ObjectMeta().name(name).labels(labels.isEmpty() ? null : labels))
                .data(data.isEmpty() ? null : data);
    }

    private static List<String> names(V1ConfigMapList list) {
        return list.getItems().stream().map(c -> c.getMetadata().getName()).sorted().collect(Collectors.toList());
    }

    interface ApiCall<T> {
        T run() throws ApiException;
    }

    /** Runs a call that must succeed; a failure says which step and what the server answered. */
    private static <T> T call(String step, ApiCall<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            return fail(step + " failed: " + describe(e), e);
        }
    }

    private static String describe(ApiException e) {
        return "HTTP " + e.getCode() + " " + e.getMessage() + "; body: " + e.getResponseBody();
    }
}
