package io.kubelix.apiserver.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTokensTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path pki;

    static ServiceAccountTokens.Claims claims(List<String> audiences, Instant issued, Duration validity) {
        return new ServiceAccountTokens.Claims("team-a", "builder", "uid-1", audiences, issued, issued.plus(validity),
                "jti-1", null, null, null);
    }

    static ServiceAccountTokens.Claims apiClaims() {
        return claims(List.of(ServiceAccountTokens.API_AUDIENCE), NOW, Duration.ofHours(1));
    }

    @Test
    void anIssuedTokenVerifiesAndCarriesTheKubernetesClaims() throws Exception {
        ServiceAccountTokens tokens = ServiceAccountTokens.loadOrCreate(pki);
        String jwt = tokens.issue(apiClaims());
        assertTrue(ServiceAccountTokens.looksLikeJwt(jwt), jwt);
        ServiceAccountTokens.Claims read = tokens.verify(jwt, NOW.plusSeconds(60));
        assertEquals(apiClaims(), read);
        String[] parts = jwt.split("\\.");
        JsonObject header = Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals("ES256", header.get("alg").getAsString());
        assertNotNull(header.get("kid"));
        JsonObject payload = Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
        assertEquals("system:serviceaccount:team-a:builder", payload.get("sub").getAsString());
        assertEquals(ServiceAccountTokens.ISSUER, payload.get("iss").getAsString());
        assertEquals(NOW.getEpochSecond() + 3600, payload.get("exp").getAsLong());
        assertEquals(NOW.getEpochSecond(), payload.get("nbf").getAsLong());
        JsonObject k8s = payload.getAsJsonObject("kubernetes.io");
        assertEquals("team-a", k8s.get("namespace").getAsString());
        assertEquals("uid-1", k8s.getAsJsonObject("serviceaccount").get("uid").getAsString());
    }

    @Test
    void aBoundTokenNamesItsObject() throws Exception {
        ServiceAccountTokens tokens = ServiceAccountTokens.loadOrCreate(pki);
        ServiceAccountTokens.Claims bound = new ServiceAccountTokens.Claims("team-a", "builder", "uid-1",
                List.of(ServiceAccountTokens.API_AUDIENCE), NOW, NOW.plusSeconds(600), "j", "Pod", "web-0", "pod-uid");
        assertEquals(bound, tokens.verify(tokens.issue(bound), NOW));
    }

    @Test
    void tamperedTokensAreRejected() throws Exception {
        ServiceAccountTokens tokens = ServiceAccountTokens.loadOrCreate(pki);
        String jwt = tokens.issue(apiClaims());
        String[] parts = jwt.split("\\.");
        char last = parts[2].charAt(5);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5) + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(6);
        assertThrows(ServiceAccountTokens.InvalidTokenException.class, () -> tokens.verify(badSignature, NOW));
        // Same signature, another subject.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("builder", "admin");
        String otherSubject = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(ServiceAccountTokens.InvalidTokenException.class, () -> tokens.verify(otherSubject, NOW));
        // Signed by another key.
        ServiceAccountTokens stranger = new ServiceAccountTokens(ServiceAccountTokens.newKeyPair());
        assertThrows(ServiceAccountTokens.InvalidTokenException.class,
                () -> tokens.verify(stranger.issue(apiClaims()), NOW));
        // "alg": "none" with no signature.
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThrows(ServiceAccountTokens.InvalidTokenException.class, () -> tokens.verify(none, NOW));
    }

    @Test
    void expiredNotYetValidAndForeignAudienceTokensAreRejected() throws Exception {
        ServiceAccountTokens tokens = ServiceAccountTokens.loadOrCreate(pki);
        String jwt = tokens.issue(apiClaims());
        assertThrows(ServiceAccountTokens.InvalidTokenException.class,
                () -> tokens.verify(jwt, NOW.plus(Duration.ofHours(1))));
        assertThrows(ServiceAccountTokens.InvalidTokenException.class, () -> tokens.verify(jwt, NOW.minusSeconds(1)));
        String vault = tokens.issue(claims(List.of("vault"), NOW, Duration.ofHours(1)));
        ServiceAccountTokens.InvalidTokenException e = assertThrows(ServiceAccountTokens.InvalidTokenException.class,
                () -> tokens.verify(vault, NOW));
        assertTrue(e.getMessage().contains("audience"), e.getMessage());
    }

    @Test
    void theKeyIsKeptOwnerOnlyAndReusedAfterARestart() throws Exception {
        String jwt = ServiceAccountTokens.loadOrCreate(pki).issue(apiClaims());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pki.resolve(ServiceAccountTokens.PRIVATE_KEY_FILE))));
        assertEquals(apiClaims(), ServiceAccountTokens.loadOrCreate(pki).verify(jwt, NOW));
    }

    @Test
    void theAuthenticatorKnowsTheAdminAndLiveServiceAccountsOnly() throws Exception {
        ServiceAccountTokens tokens = ServiceAccountTokens.loadOrCreate(pki);
        FakeService service = new FakeService();
        service.put("team-a", "builder", "uid-1");
        Authenticator auth = new Authenticator("admin-secret", tokens, service,
                Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC));

        UserInfo admin = auth.authenticate("Bearer admin-secret");
        assertEquals(Authenticator.ADMIN_USER, admin.username());
        assertTrue(admin.groups().contains("system:masters"));
        assertNull(auth.authenticate("Bearer admin-secreT"));
        assertNull(auth.authenticate("Basic admin-secret"));
        assertNull(auth.authenticate(null));

        String jwt = tokens.issue(apiClaims());
        UserInfo sa = auth.authenticate("Bearer " + jwt);
        assertEquals("system:serviceaccount:team-a:builder", sa.username());
        assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"),
                sa.groups());
        assertEquals("uid-1", sa.uid());

        service.put("team-a", "builder", "uid-2"); // deleted and created again: a new account
        assertNull(auth.authenticate("Bearer " + jwt));
        service.accounts.clear();
        assertNull(auth.authenticate("Bearer " + jwt));
    }

    /** Serves service accounts from a map; nothing else. */
    static final class FakeService implements ResourceService {
        static final ResourceType SA = new ResourceType("", "v1", "ServiceAccount", "serviceaccounts",
                "serviceaccount", true, List.of(), List.of(), ResourceType.ALL_VERBS, List.of());
        final Map<String, String> accounts = new HashMap<>();

        void put(String namespace, String name, String uid) {
            accounts.put(namespace + "/" + name, uid);
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return List.of(SA);
        }

        @Override
        public Optional<ResourceType> findType(String group, String version, String plural) {
            return plural.equals("serviceaccounts") ? Optional.of(SA) : Optional.empty();
        }

        @Override
        public Optional<ResourceType> findTypeByKind(String apiVersion, String kind) {
            return Optional.empty();
        }

        @Override
        public JsonObject get(ResourceType type, String namespace, String name, String subresource) {
            String uid = accounts.get(namespace + "/" + name);
            if (uid == null) {
                throw ApiException.notFound(type, name);
            }
            return Json.parseObject("{\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"" + uid + "\"}}");
        }

        @Override
        public ObjectList list(ResourceType type, String namespace, ListOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonObject create(ResourceType type, String namespace, JsonObject object, WriteOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonObject update(ResourceType type, String namespace, String name, String subresource,
                JsonObject object, WriteOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonObject patch(ResourceType type, String namespace, String name, String subresource,
                PatchType patchType, String patch, WriteOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonObject delete(ResourceType type, String namespace, String name, DeleteOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObjectList deleteCollection(ResourceType type, String namespace, ListOptions listOptions,
                DeleteOptions deleteOptions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WatchHandle watch(ResourceType type, String namespace, ListOptions options, ObjectWatcher watcher) {
            throw new UnsupportedOperationException();
        }
    }
}
