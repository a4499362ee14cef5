package io.kubelix.client.internal;

import static io.kubelix.client.internal.FakeResourceService.CONFIG_MAPS;
import static io.kubelix.client.internal.FakeResourceService.DEPLOYMENTS;
import static io.kubelix.client.internal.FakeResourceService.NODES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.client.KubeClient;
import io.kubelix.client.ResourceRef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request building, Status mapping, discovery and watch streaming against a loopback HTTP server. */
@Timeout(30)
class RemoteKubeClientTest {
    private TestHttpServer server;
    private KubeClient client;

    @BeforeEach
    void start() throws IOException {
        server = TestHttpServer.http();
        client = RemoteKubeClient.forTesting(server.base("http"), "the-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonObject configMap(String namespace, String name) {
        return Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + namespace + "\",\"resourceVersion\":\"7\"},\"data\":{\"k\":\"v\"}}");
    }

    private static Map<String, String> query(TestHttpServer.Request r) {
        Map<String, String> out = new LinkedHashMap<>();
        if (r.rawQuery() == null) {
            return out;
        }
        for (String pair : r.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---- request building ----

    @Test
    void getAddressesNamespacedClusterScopedAndGroupedTypesTheKubernetesWay() throws Exception {
        server.onJson("GET /api/v1/namespaces/team-a/configmaps/settings", 200, Json.write(configMap("team-a", "settings")));
        server.onJson("GET /api/v1/nodes/worker-1", 200, "{\"kind\":\"Node\",\"metadata\":{\"name\":\"worker-1\"}}");
        server.onJson("GET /apis/apps/v1/namespaces/team-a/deployments/web", 200, "{\"kind\":\"Deployment\"}");

        JsonObject cm = client.get(ResourceRef.of(CONFIG_MAPS, "team-a", "settings"));
        assertEquals("v", cm.getAsJsonObject("data").get("k").getAsString());
        TestHttpServer.Request r = server.next();
        assertEquals("GET", r.method());
        assertEquals("Bearer the-token", r.header("Authorization"));
        assertEquals("application/json", r.header("Accept"));
        assertNull(r.rawQuery());

        client.get(ResourceRef.of(NODES, null, "worker-1"));
        assertEquals("/api/v1/nodes/worker-1", server.next().path());
        client.get(ResourceRef.of(DEPLOYMENTS, "team-a", "web"));
        assertEquals("/apis/apps/v1/namespaces/team-a/deployments/web", server.next().path());
    }

    @Test
    void namesThatNeedEscapingArePercentEncoded() throws Exception {
        ResourceType roles = new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles",
                "clusterrole", false, List.of(), List.of(), ResourceType.ALL_VERBS, List.of());
        server.onJson("GET /apis/rbac.authorization.k8s.io/v1/clusterroles/system:a%20b%3Fc", 200, "{}");
        client.get(ResourceRef.of(roles, null, "system:a b?c"));
        assertEquals("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:a%20b%3Fc", server.next().path());
    }

    @Test
    void listSendsEveryOptionAndReadsTheListBack() throws Exception {
        server.onJson("GET /api/v1/namespaces/team-a/configmaps", 200, "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\","
                + "\"metadata\":{\"resourceVersion\":\"42\",\"continue\":\"next-page\",\"remainingItemCount\":3},"
                + "\"items\":[{\"metadata\":{\"name\":\"a\",\"namespace\":\"team-a\"}},"
                + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}]}");
        ObjectList list = client.list(CONFIG_MAPS, "team-a", new ListOptions("app in (web,db),tier!=x",
                "metadata.name=a", 2, "tok+en/=", "40", "NotOlderThan", true, 30));
        Map<String, String> q = query(server.next());
        assertEquals(Map.of("labelSelector", "app in (web,db),tier!=x", "fieldSelector", "metadata.name=a", "limit", "2",
                "continue", "tok+en/=", "resourceVersion", "40", "resourceVersionMatch", "NotOlderThan",
                "timeoutSeconds", "30"), q, "allowWatchBookmarks and watch belong to watches only");
        assertEquals("42", list.resourceVersion());
        assertEquals("next-page", list.continueToken());
        assertEquals(3L, list.remainingItemCount());
        assertEquals(2, list.items().size());
        assertEquals("ConfigMap", list.items().get(0).get("kind").getAsString(), "kind filled in on list items");
        assertEquals("v1", list.items().get(0).get("apiVersion").getAsString());
    }

    @Test
    void listAcrossNamespacesHasNoNamespaceSegment() throws Exception {
        server.onJson("GET /api/v1/configmaps", 200, "{\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}");
        ObjectList list = client.list(CONFIG_MAPS, null);
        assertEquals("/api/v1/configmaps", server.next().path());
        assertNull(list.continueToken());
        assertNull(list.remainingItemCount());
    }

    @Test
    void createPostsToTheObjectsOwnNamespaceWithWriteOptions() throws Exception {
        server.onJson("POST /api/v1/namespaces/team-a/configmaps", 201, Json.write(configMap("team-a", "new")));
        JsonObject object = configMap("team-a", "new");
        client.create(CONFIG_MAPS, object, new WriteOptions(true, "my-controller", "Strict", false));
        TestHttpServer.Request r = server.next();
        assertEquals("POST", r.method());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(object, Json.parseObject(r.body()));
        assertEquals(Map.of("dryRun", "All", "fieldManager", "my-controller", "fieldValidation", "Strict"), query(r));
    }

    @Test
    void createWithoutNamespaceForANamespacedTypeFailsBeforeAnyRequest() {
        JsonObject object = configMap("x", "new");
        object.getAsJsonObject("metadata").remove("namespace");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.create(CONFIG_MAPS, object));
        assertTrue(e.getMessage().contains("no metadata.namespace"), e.getMessage());
        assertTrue(server.requests.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ResourceRef.of(NODES, "ns", "worker-1"));
        assertThrows(IllegalArgumentException.class, () -> ResourceRef.of(CONFIG_MAPS, null, "x"));
    }

    @Test
    void updateAndUpdateStatusPutToTheObjectAndItsStatus() throws Exception {
        server.onJson("PUT /api/v1/namespaces/team-a/configmaps/c", 200, "{}");
        server.onJson("PUT /apis/apps/v1/namespaces/team-a/deployments/web/status", 200, "{}");
        client.update(CONFIG_MAPS, configMap("team-a", "c"));
        TestHttpServer.Request r = server.next();
        assertEquals("PUT", r.method());
        assertEquals("7", Json.parseObject(r.body()).getAsJsonObject("metadata").get("resourceVersion").getAsString());
        JsonObject deployment = Json.parseObject("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"web\",\"namespace\":\"team-a\"},\"status\":{\"replicas\":2}}");
        client.updateStatus(DEPLOYMENTS, deployment, WriteOptions.manager("deployment-controller"));
        r = server.next();
        assertEquals("/apis/apps/v1/namespaces/team-a/deployments/web/status", r.path());
        assertEquals(Map.of("fieldManager", "deployment-controller"), query(r));
    }

    @Test
    void patchSendsThePatchTypeAsContentType() throws Exception {
        server.onJson("PATCH /api/v1/namespaces/team-a/configmaps/c", 200, "{}");
        server.onJson("PATCH /api/v1/nodes/n1/status", 200, "{}");
        client.patch(ResourceRef.of(CONFIG_MAPS, "team-a", "c"), PatchType.MERGE_PATCH, "{\"data\":{\"k\":null}}",
                WriteOptions.DEFAULT);
        TestHttpServer.Request r = server.next();
        assertEquals("PATCH", r.method());
        assertEquals("application/merge-patch+json", r.header("Content-Type"));
        assertEquals("{\"data\":{\"k\":null}}", r.body());
        client.patchStatus(ResourceRef.of(NODES, null, "n1"), PatchType.APPLY_PATCH, "status: {}",
                new WriteOptions(false, "kubelet", null, true));
        r = server.next();
        assertEquals("/api/v1/nodes/n1/status", r.path());
        assertEquals("application/apply-patch+yaml", r.header("Content-Type"));
        assertEquals(Map.of("fieldManager", "kubelet", "force", "true"), query(r));
    }

    @Test
    void deleteSendsDeleteOptionsAsTheBody() throws Exception {
        server.onJson("DELETE /api/v1/namespaces/team-a/configmaps/c", 200, "{\"kind\":\"ConfigMap\"}");
        client.delete(ResourceRef.of(CONFIG_MAPS, "team-a", "c"),
                new DeleteOptions("Foreground", 5L, "uid-1", "99", true));
        TestHttpServer.Request r = server.next();
        assertEquals("DELETE", r.method());
        JsonObject body = Json.parseObject(r.body());
        assertEquals("DeleteOptions", body.get("kind").getAsString());
        assertEquals("Foreground", body.get("propagationPolicy").getAsString());
        assertEquals(5, body.get("gracePeriodSeconds").getAsInt());
        assertEquals("uid-1", body.getAsJsonObject("preconditions").get("uid").getAsString());
        assertEquals("99", body.getAsJsonObject("preconditions").get("resourceVersion").getAsString());
        assertEquals("All", body.getAsJsonArray("dryRun").get(0).getAsString());
        assertEquals(Map.of("dryRun", "All"), query(r));

        client.delete(ResourceRef.of(CONFIG_MAPS, "team-a", "c"));
        JsonObject plain = Json.parseObject(server.next().body());
        assertFalse(plain.has("propagationPolicy"));
        assertFalse(plain.has("preconditions"));
    }

    // ---- errors ----

    @Test
    void statusRepliesBecomeApiExceptionsWithEveryDetail() {
        ApiException invalid = ApiException.invalid(CONFIG_MAPS, "bad",
                List.of(FieldError.required("data.k"), FieldError.invalid("metadata.name", "Bad", "must be lower case")));
        server.onJson("POST /api/v1/namespaces/team-a/configmaps", 422, Json.write(invalid.toStatus()));
        ApiException e = assertThrows(ApiException.class, () -> client.create(CONFIG_MAPS, configMap("team-a", "bad")));
        assertEquals(422, e.code());
        assertEquals("Invalid", e.reason());
        assertEquals(invalid.getMessage(), e.getMessage());
        assertEquals("bad", e.detailsName());
        assertEquals(invalid.causes(), e.causes());

        server.onJson("GET /api/v1/namespaces/team-a/configmaps/missing", 404,
                Json.write(ApiException.notFound(CONFIG_MAPS, "missing").toStatus()));
        e = assertThrows(ApiException.class, () -> client.get(ResourceRef.of(CONFIG_MAPS, "team-a", "missing")));
        assertEquals(404, e.code());
        assertEquals("NotFound", e.reason());
        assertEquals("configmaps \"missing\" not found", e.getMessage());
        assertEquals("configmaps", e.detailsKind());

        server.onJson("PUT /api/v1/namespaces/team-a/configmaps/c", 409,
                Json.write(ApiException.staleResourceVersion(CONFIG_MAPS, "c").toStatus()));
        e = assertThrows(ApiException.class, () -> client.update(CONFIG_MAPS, configMap("team-a", "c")));
        assertEquals(409, e.code());
        assertEquals("Conflict", e.reason());
    }

    @Test
    void repliesWithoutAStatusAreDescribedAndRetryAfterIsKept() {
        server.on("GET /api/v1/nodes/n1", ex -> {
            byte[] body = "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Retry-After", "7");
            ex.sendResponseHeaders(502, body.length);
            ex.getResponseBody().write(body);
        });
        ApiException e = assertThrows(ApiException.class, () -> client.get(ResourceRef.of(NODES, null, "n1")));
        assertEquals(502, e.code());
        assertEquals("InternalError", e.reason());
        assertTrue(e.getMessage().contains("bad gateway"), e.getMessage());
        assertEquals(7, e.retryAfterSeconds());

        server.onJson("GET /api/v1/nodes/n2", 429, "");
        e = assertThrows(ApiException.class, () -> client.get(ResourceRef.of(NODES, null, "n2")));
        assertEquals(429, e.code());
        assertEquals("TooManyRequests", e.reason());
    }

    @Test
    void anUnreachableServerIs503NamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KubeClient nowhere = RemoteKubeClient.forTesting(URI.create("http://127.0.0.1:" + port), null);
        ApiException e = assertThrows(ApiException.class, () -> nowhere.get(ResourceRef.of(NODES, null, "n1")));
        assertEquals(503, e.code());
        assertEquals("ServiceUnavailable", e.reason());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    // ---- discovery ----

    private void serveDiscovery(AtomicInteger coreRequests) {
        server.on("GET /api", ex -> {
            coreRequests.incrementAndGet();
            TestHttpServer.send(ex, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
        });
        server.onJson("GET /api/v1", 200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                + "{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
                + "\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],"
                + "\"shortNames\":[\"po\"],\"categories\":[\"all\"]},"
                + "{\"name\":\"pods/status\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"Pod\","
                + "\"verbs\":[\"get\",\"patch\",\"update\"]},"
                + "{\"name\":\"nodes\",\"singularName\":\"\",\"namespaced\":false,\"kind\":\"Node\","
                + "\"verbs\":[\"get\",\"list\",\"watch\"]}]}");
        server.onJson("GET /apis", 200, "{\"kind\":\"APIGroupList\",\"groups\":["
                + "{\"name\":\"apps\",\"versions\":[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}]},"
                + "{\"name\":\"broken.example\",\"versions\":[{\"groupVersion\":\"broken.example/v1\",\"version\":\"v1\"}]}]}");
        server.onJson("GET /apis/apps/v1", 200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"apps/v1\",\"resources\":["
                + "{\"name\":\"deployments\",\"singularName\":\"deployment\",\"namespaced\":true,\"kind\":\"Deployment\","
                + "\"verbs\":[\"get\",\"list\",\"watch\"],\"shortNames\":[\"deploy\"]},"
                + "{\"name\":\"deployments/status\",\"namespaced\":true,\"kind\":\"Deployment\",\"verbs\":[\"get\"]},"
                + "{\"name\":\"deployments/scale\",\"namespaced\":true,\"group\":\"autoscaling\",\"version\":\"v1\","
                + "\"kind\":\"Scale\",\"verbs\":[\"get\"]}]}");
        server.onJson("GET /apis/broken.example/v1", 503, "{\"kind\":\"Status\",\"reason\":\"ServiceUnavailable\","
                + "\"message\":\"the aggregated API is down\",\"code\":503}");
    }

    @Test
    void discoveryReadsTheLegacyDocumentsAndCachesThem() throws Exception {
        AtomicInteger coreRequests = new AtomicInteger();
        serveDiscovery(coreRequests);
        KubeClient client = RemoteKubeClient.forTesting(server.base("http"), "t", java.time.Duration.ofMillis(300));
        ResourceType pods = client.resourceType("v1", "Pod").orElseThrow();
        assertEquals(new ResourceType("", "v1", "Pod", "pods", "pod", true, List.of("po"), List.of("all"),
                List.of("create", "delete", "get", "list", "patch", "update", "watch"), List.of("status")), pods);
        ResourceType deployments = client.resourceType("apps/v1", "deployments").orElseThrow();
        assertEquals("Deployment", deployments.kind());
        assertEquals(List.of("status", "scale"), deployments.subresources());
        assertEquals(deployments, client.resourceType("apps/v1", "deployment").orElseThrow());
        ResourceType nodes = client.resourceType("v1", "nodes").orElseThrow();
        assertFalse(nodes.namespaced());
        assertEquals("node", nodes.singular(), "an empty singularName falls back to the lower-case kind");
        assertEquals(3, client.resourceTypes().size(), "the broken group is skipped, the rest is served");
        assertEquals(1, coreRequests.get(), "discovery is cached");
        assertTrue(client.resourceType("apps/v2", "Deployment").isEmpty());
        assertEquals(1, coreRequests.get(), "a miss right after discovery does not ask again");
        Thread.sleep(350);
        assertTrue(client.resourceType("apps/v2", "Deployment").isEmpty());
        assertEquals(2, coreRequests.get(), "a miss after the refresh interval asks again");
        assertTrue(client.resourceType("v1", "Widget").isEmpty());
        assertEquals(2, coreRequests.get(), "but not again within the interval");
        ApiException e = assertThrows(ApiException.class, () -> client.requireResourceType("v1", "Widget"));
        assertEquals(404, e.code());
        assertTrue(e.getMessage().contains("\"Widget\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.resourceType("a/b/c", "x"));
    }

    // ---- watch ----

    @Test
    void watchStreamsEventsInOrderAndReportsTheEnd() throws Exception {
        server.on("GET /api/v1/namespaces/team-a/configmaps", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (String line : List.of(
                    "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"11\"}}}",
                    "",
                    "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"12\"}}}",
                    "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"resourceVersion\":\"15\"}}}",
                    "{\"type\":\"DELETED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"16\"}}}")) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(20);
            }
            out.close();
        });
        Recorder watcher = new Recorder();
        WatchHandle handle = client.watch(CONFIG_MAPS, "team-a", new ListOptions("app=web", null, 0, null, "10", null,
                true, 300), watcher);
        Map<String, String> q = query(server.next());
        assertEquals(Map.of("labelSelector", "app=web", "resourceVersion", "10", "watch", "true",
                "allowWatchBookmarks", "true", "timeoutSeconds", "300"), q);
        assertEquals(List.of("ADDED 11", "MODIFIED 12", "BOOKMARK 15", "DELETED 16", "closed"), watcher.take(5));
        handle.close();
    }

    @Test
    void closingAWatchEndsItPromptlyWithoutOnClosed() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        AtomicBoolean serverSawDisconnect = new AtomicBoolean();
        CountDownLatch serverDone = new CountDownLatch(1);
        server.on("GET /api/v1/configmaps", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                out.write("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"1\"}}}\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                firstSent.countDown();
                // Keep the stream open, writing now and then, until the client goes away.
                for (int i = 0; i < 200; i++) {
                    sleep(50);
                    out.write("\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException gone) {
                serverSawDisconnect.set(true);
            } finally {
                serverDone.countDown();
            }
        });
        Recorder watcher = new Recorder();
        WatchHandle handle = client.watch(CONFIG_MAPS, null, ListOptions.ALL, watcher);
        assertEquals(List.of("ADDED 1"), watcher.take(1));
        long start = System.nanoTime();
        handle.close();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000, "close returns at once");
        assertTrue(serverDone.await(5, TimeUnit.SECONDS), "the server notices the client left");
        assertTrue(serverSawDisconnect.get());
        assertNull(watcher.events.poll(200, TimeUnit.MILLISECONDS), "no onClosed after the caller's own close");
    }

    @Test
    void aWatchRefusedWithAStatusThrowsIt() {
        server.onJson("GET /api/v1/configmaps", 410, Json.write(ApiException.gone("too old resource version: 5 (9)")
                .toStatus()));
        ApiException e = assertThrows(ApiException.class, () -> client.watch(CONFIG_MAPS, null,
                ListOptions.ALL.withResourceVersion("5"), new Recorder()));
        assertEquals(410, e.code());
        assertEquals("Expired", e.reason());
    }

    @Test
    void anErrorEventIsPassedOnAsItCame() throws Exception {
        server.onJson("GET /api/v1/configmaps", 200, "{\"type\":\"ERROR\",\"object\":"
                + Json.write(ApiException.gone("too old resource version").toStatus()) + "}\n");
        Recorder watcher = new Recorder();
        client.watch(CONFIG_MAPS, null, ListOptions.ALL.withResourceVersion("5"), watcher);
        assertEquals(List.of("ERROR 410", "closed"), watcher.take(2));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records "TYPE resourceVersion" (or "ERROR code") per event and "closed" at the end. */
    static final class Recorder implements ObjectWatcher {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(String type, JsonObject object) {
            if (type.equals("ERROR")) {
                events.add("ERROR " + object.get("code").getAsInt());
            } else {
                events.add(type + " " + io.kubelix.api.json.Objects.resourceVersion(object));
            }
        }

        @Override
        public void onClosed() {
            events.add("closed");
        }

        List<String> take(int n) throws InterruptedException {
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String e = events.poll(5, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("only " + out + " within 5 s");
                }
                out.add(e);
            }
            return out;
        }
    }
}
