package io.kubelix.apiserver.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.apiserver.impl.ApiServer;
import io.kubelix.apiserver.impl.InProcessApiServer;
import io.kubelix.registry.impl.ResourceRegistry;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token requests and reviews over HTTPS, in-process: real Jetty, registry, store and built-in kinds. */
class AuthRestTest {
    @TempDir
    static Path dir;
    static MvKeyValueStore store;
    static ResourceRegistry registry;
    static ApiServer server;
    static HttpClient http;
    static String adminToken;

    static InProcessApiServer api;

    @BeforeAll
    static void start() throws Exception {
        api = InProcessApiServer.start(dir);
        store = api.store();
        registry = api.registry();
        server = api.server();
        http = api.http();
        adminToken = api.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static HttpResponse<String> call(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject ok(int code, HttpResponse<String> r) {
        assertEquals(code, r.statusCode(), r.body());
        return Json.parseObject(r.body());
    }

    static void status(int code, String reason, HttpResponse<String> r) {
        assertEquals(code, r.statusCode(), r.body());
        assertEquals(reason, Objects.string(Json.parseObject(r.body()), "reason"), r.body());
    }

    static String whoami(String token) throws Exception {
        JsonObject review = ok(201, call(token, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}"));
        return Objects.pathString(review, "status.userInfo.username");
    }

    @Test
    void aRequestedTokenAuthenticatesAsTheServiceAccountUntilTheAccountIsGone() throws Exception {
        ok(201, call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts", "{\"metadata\":{\"name\":\"ci\"}}"));
        JsonObject request = ok(201, call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts/ci/token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}"));
        assertEquals("TokenRequest", Objects.kind(request));
        assertEquals(3600, request.getAsJsonObject("spec").get("expirationSeconds").getAsLong());
        assertEquals(ServiceAccountTokens.API_AUDIENCE,
                request.getAsJsonObject("spec").getAsJsonArray("audiences").get(0).getAsString());
        String token = Objects.pathString(request, "status.token");
        Instant expires = Instant.parse(Objects.pathString(request, "status.expirationTimestamp"));
        assertTrue(Math.abs(Duration.between(Instant.now().plusSeconds(3600), expires).toSeconds()) < 60, expires.toString());

        ok(200, call(token, "GET", "/api/v1/namespaces/default/pods", null));
        assertEquals("system:serviceaccount:default:ci", whoami(token));
        assertEquals(Authenticator.ADMIN_USER, whoami(adminToken));

        ok(200, call(adminToken, "DELETE", "/api/v1/namespaces/default/serviceaccounts/ci", null));
        status(401, "Unauthorized", call(token, "GET", "/api/v1/namespaces/default/pods", null));
        // Same name again: a new account, which the old token does not stand for.
        ok(201, call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts", "{\"metadata\":{\"name\":\"ci\"}}"));
        status(401, "Unauthorized", call(token, "GET", "/api/v1/namespaces/default/pods", null));
    }

    @Test
    void tokenRequestsAreCheckedAndCreateOnly() throws Exception {
        status(404, "NotFound", call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts/nobody/token",
                "{\"spec\":{}}"));
        status(422, "Invalid", call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts/default/token",
                "{\"spec\":{\"expirationSeconds\":60}}"));
        status(405, "MethodNotAllowed", call(adminToken, "GET",
                "/api/v1/namespaces/default/serviceaccounts/default/token", null));
        status(404, "NotFound", call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts/default/token",
                "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"name\":\"none\"}}}"));
        // Long requests are shortened to the maximum; other audiences do not open this API server.
        JsonObject vault = ok(201, call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts/default/token",
                "{\"spec\":{\"audiences\":[\"vault\"],\"expirationSeconds\":999999}}"));
        assertEquals(ReviewEndpoints.MAX_EXPIRATION.toSeconds(),
                vault.getAsJsonObject("spec").get("expirationSeconds").getAsLong());
        status(401, "Unauthorized", call(Objects.pathString(vault, "status.token"), "GET", "/api/v1/namespaces", null));
    }

    @Test
    void aTokenBoundToASecretDiesWithTheSecret() throws Exception {
        JsonObject secret = ok(201, call(adminToken, "POST", "/api/v1/namespaces/default/secrets",
                "{\"metadata\":{\"name\":\"bound\"}}"));
        JsonObject request = ok(201, call(adminToken, "POST", "/api/v1/namespaces/default/serviceaccounts/default/token",
                "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"name\":\"bound\"}}}"));
        assertEquals(Objects.uid(secret), Objects.pathString(request, "spec.boundObjectRef.uid"));
        String token = Objects.pathString(request, "status.token");
        assertEquals("system:serviceaccount:default:default", whoami(token));
        ok(200, call(adminToken, "DELETE", "/api/v1/namespaces/default/secrets/bound", null));
        status(401, "Unauthorized", call(token, "GET", "/api/v1/namespaces", null));
    }

    @Test
    void accessReviewsAllowEverythingForAnAuthenticatedUserAndCheckTheirSpec() throws Exception {
        JsonObject review = ok(201, call(adminToken, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                        + "\"spec\":{\"resourceAttributes\":{\"namespace\":\"default\",\"verb\":\"create\","
                        + "\"resource\":\"pods\"}}}"));
        assertTrue(review.getAsJsonObject("status").get("allowed").getAsBoolean(), review.toString());
        assertEquals(ReviewEndpoints.NOT_ENFORCED, Objects.pathString(review, "status.reason"));
        assertFalse(review.getAsJsonObject("status").has("denied"));
        assertEquals("pods", Objects.pathString(review, "spec.resourceAttributes.resource"));
        status(422, "Invalid", call(adminToken, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"spec\":{}}"));
        status(422, "Invalid", call(adminToken, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"spec\":{\"resourceAttributes\":{},\"nonResourceAttributes\":{\"path\":\"/healthz\"}}}"));
        status(400, "BadRequest", call(adminToken, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"kind\":\"SelfSubjectRulesReview\",\"spec\":{}}"));
        status(405, "MethodNotAllowed", call(adminToken, "GET", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                null));
        status(401, "Unauthorized", call("nobody", "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"spec\":{\"nonResourceAttributes\":{\"path\":\"/healthz\",\"verb\":\"get\"}}}"));
        JsonObject rules = ok(201, call(adminToken, "POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                "{\"spec\":{\"namespace\":\"default\"}}"));
        assertEquals("*", Objects.pathObject(rules, "status").getAsJsonArray("resourceRules").get(0)
                .getAsJsonObject().getAsJsonArray("verbs").get(0).getAsString());
    }

    @Test
    void discoveryListsTheReviewsAndTheTokenSubresource() throws Exception {
        JsonObject authz = ok(200, call(adminToken, "GET", "/apis/authorization.k8s.io/v1", null));
        assertTrue(authz.toString().contains("\"name\":\"selfsubjectaccessreviews\""), authz.toString());
        JsonObject authn = ok(200, call(adminToken, "GET", "/apis/authentication.k8s.io", null));
        assertEquals("authentication.k8s.io/v1", Objects.pathString(authn, "preferredVersion.groupVersion"));
        JsonObject core = ok(200, call(adminToken, "GET", "/api/v1", null));
        assertTrue(core.toString().contains("{\"name\":\"serviceaccounts/token\",\"singularName\":\"\","
                + "\"namespaced\":true,\"group\":\"authentication.k8s.io\",\"version\":\"v1\",\"kind\":\"TokenRequest\","
                + "\"verbs\":[\"create\"]}"), core.toString());
        HttpResponse<String> aggregated = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/apis"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(aggregated.body().contains("\"resource\":\"selfsubjectreviews\""), aggregated.body());
    }
}
