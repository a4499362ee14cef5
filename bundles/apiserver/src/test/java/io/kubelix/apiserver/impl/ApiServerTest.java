package io.kubelix.apiserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.registry.impl.ResourceRegistry;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST layer over HTTPS, in-process: real Jetty, registry, store and built-in kinds. */
class ApiServerTest {
    @TempDir
    static Path dir;
    static MvKeyValueStore store;
    static ResourceRegistry registry;
    static ApiServer server;
    static HttpClient http;
    static String token;

    static InProcessApiServer api;

    @BeforeAll
    static void start() throws Exception {
        api = InProcessApiServer.start(dir);
        store = api.store();
        registry = api.registry();
        server = api.server();
        http = api.http();
        token = api.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static HttpResponse<String> call(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject status(HttpResponse<String> r, int code, String reason) {
        assertEquals(code, r.statusCode(), r.body());
        JsonObject status = Json.parseObject(r.body());
        assertEquals("Status", Objects.kind(status), r.body());
        assertEquals(reason, Objects.string(status, "reason"), r.body());
        assertEquals(code, status.get("code").getAsInt());
        return status;
    }

    @Test
    void requestsWithoutTheTokenAreUnauthorizedButHealthIsPublic() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces"))
                .build(), HttpResponse.BodyHandlers.ofString());
        status(none, 401, "Unauthorized");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces"))
                .header("Authorization", "Bearer " + token + "x").build(), HttpResponse.BodyHandlers.ofString());
        status(wrong, 401, "Unauthorized");
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("ok", ready.body());
        JsonObject version = Json.parseObject(call("GET", "/version", null, null).body());
        assertEquals("1", Objects.string(version, "major"));
        assertEquals("32", Objects.string(version, "minor"));
    }

    @Test
    void aggregatedDiscoveryEchoesTheNegotiatedType() throws Exception {
        HttpResponse<String> r = call("GET", "/apis", null, null, "Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertEquals("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
                r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("\"resource\":\"deployments\""), r.body());
        JsonObject legacy = Json.parseObject(call("GET", "/apis", null, null).body());
        assertEquals("APIGroupList", Objects.kind(legacy));
        JsonObject core = Json.parseObject(call("GET", "/api/v1", null, null).body());
        assertTrue(core.toString().contains("\"name\":\"pods\"") && core.toString().contains("\"shortNames\":[\"po\"]"));
    }

    @Test
    void createGetTableAndDeleteANamespaceWithDeleteOptions() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/namespaces", "application/yaml",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: rest-ns\n");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> cm = call("POST", "/api/v1/namespaces/rest-ns/configmaps", null,
                "{\"metadata\":{\"name\":\"c\",\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":\"v\"}}");
        assertEquals(201, cm.statusCode(), cm.body());
        HttpResponse<String> table = call("GET", "/api/v1/namespaces/rest-ns/configmaps", null, null, "Accept",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        JsonObject t = Json.parseObject(table.body());
        assertEquals("Table", Objects.kind(t));
        assertEquals("c", t.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonArray("cells").get(0).getAsString());
        assertEquals("b", Objects.pathString(t.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonObject("object"),
                "metadata.labels.a"));
        HttpResponse<String> deleted = call("DELETE", "/api/v1/namespaces/rest-ns", "application/json",
                "{\"propagationPolicy\":\"Background\"}");
        assertEquals(202, deleted.statusCode(), deleted.body());
        long deadline = System.currentTimeMillis() + 10_000;
        while (call("GET", "/api/v1/namespaces/rest-ns", null, null).statusCode() != 404) {
            assertTrue(System.currentTimeMillis() < deadline, "namespace not removed");
            Thread.sleep(50);
        }
        HttpResponse<String> grace = call("DELETE", "/api/v1/namespaces/default/configmaps/none?gracePeriodSeconds=0",
                null, null);
        status(grace, 404, "NotFound");
    }

    @Test
    void badInputGetsAStatusAndLeavesNoTrace() throws Exception {
        String before = Objects.resourceVersion(Json.parseObject(call("GET", "/api/v1/namespaces/default/configmaps",
                null, null).body()));
        status(call("POST", "/api/v1/namespaces/default/configmaps", null, "{\"metadata\":"), 400, "BadRequest");
        // A protobuf envelope with nothing in it does not decode.
        status(call("POST", "/api/v1/namespaces/default/configmaps", "application/vnd.kubernetes.protobuf", "k8s\0"),
                400, "BadRequest");
        status(call("POST", "/api/v1/namespaces/default/configmaps", "text/plain", "name=x"),
                415, "UnsupportedMediaType");
        status(call("POST", "/api/v1/namespaces/default/configmaps", null, "{\"metadata\":{\"name\":\"big\"},"
                + "\"data\":{\"k\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}"), 413, "RequestEntityTooLarge");
        JsonObject invalid = status(call("POST", "/api/v1/namespaces/default/configmaps", null,
                "{\"metadata\":{\"name\":\"Bad_Name\"}}"), 422, "Invalid");
        assertEquals("metadata.name", invalid.getAsJsonObject("details").getAsJsonArray("causes").get(0)
                .getAsJsonObject().get("field").getAsString());
        status(call("POST", "/api/v1/namespaces/default/configmaps", null,
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}"), 400, "BadRequest");
        status(call("GET", "/api/v1/nothings", null, null), 404, "NotFound");
        status(call("POST", "/api/v1/namespaces/default/nothings", null, "{}"), 404, "NotFound");
        status(call("DELETE", "/api/v1/namespaces/default/nothings", null, null), 404, "NotFound");
        status(call("GET", "/api/v1/namespaces/default/configmaps?labelSelector=a%20in%20(", null, null), 400,
                "BadRequest");
        status(call("GET", "/api/v1/namespaces/default/configmaps?fieldSelector=spec.x%3Dy", null, null), 400,
                "BadRequest");
        status(call("GET", "/api/v1/namespaces/default/configmaps", null, null, "Accept",
                "application/vnd.kubernetes.protobuf"), 406, "NotAcceptable");
        status(call("GET", "/api/v1/namespaces/default/configmaps?watch=maybe", null, null), 400, "BadRequest");
        String after = Objects.resourceVersion(Json.parseObject(call("GET", "/api/v1/namespaces/default/configmaps",
                null, null).body()));
        assertEquals(before, after, "a rejected request changed the store");
    }

    @Test
    void watchStreamsNewlineDelimitedEvents() throws Exception {
        String rv = Objects.resourceVersion(Json.parseObject(call("GET", "/api/v1/namespaces/default/secrets", null,
                null).body()));
        // Python's client spells it watch=True: Go's boolean parsing accepts that.
        HttpRequest watch = HttpRequest.newBuilder(URI.create(server.url()
                + "/api/v1/namespaces/default/secrets?watch=True&timeoutSeconds=5&resourceVersion=" + rv))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> stream = http.send(watch, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        call("POST", "/api/v1/namespaces/default/secrets", null,
                "{\"metadata\":{\"name\":\"s1\"},\"stringData\":{\"password\":\"hunter2\"}}");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            JsonObject event = Json.parseObject(reader.readLine());
            assertEquals("ADDED", Objects.string(event, "type"));
            assertEquals("s1", Objects.name(event.getAsJsonObject("object")));
            assertEquals("aHVudGVyMg==", Objects.pathString(event.getAsJsonObject("object"), "data.password"));
        }
    }
}
