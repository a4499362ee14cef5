package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32's {@code auth can-i}, {@code auth whoami} and {@code create token} (the first and last send
 * protobuf bodies), and a service account token used as kubectl's only credential.
 * RBAC is not enforced yet: every authenticated user may do everything.
 */
class AuthIT {
    static final String NS = "auth-it";

    static KubelixInstance kubelix;
    @TempDir
    static Path cache;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.shared();
        ok("create", "namespace", NS);
    }

    @Test
    void canIAnswersYesForTheAdmin() throws Exception {
        Result r = ok("auth", "can-i", "create", "pods", "-n", NS, "-v=8");
        assertEquals("yes", r.stdout().trim(), r.describe());
        assertTrue(r.stderr().contains("Content-Type: application/vnd.kubernetes.protobuf"),
                "kubectl did not send a protobuf SelfSubjectAccessReview:\n" + r.describe());
        assertEquals("yes", ok("auth", "can-i", "get", "/healthz").stdout().trim());
    }

    @Test
    void whoamiShowsTheAdmin() throws Exception {
        Result r = ok("auth", "whoami", "-o", "json");
        JsonObject info = JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonObject("status")
                .getAsJsonObject("userInfo");
        assertEquals("kubelix-admin", info.get("username").getAsString(), r.describe());
    }

    @Test
    void aCreatedTokenIsAWorkingCredentialForItsServiceAccount() throws Exception {
        ok("-n", NS, "create", "serviceaccount", "deployer");
        String token = ok("-n", NS, "create", "token", "deployer").stdout().trim();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, "not a JWT: " + token.length() + " characters");
        JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("system:serviceaccount:" + NS + ":deployer", claims.get("sub").getAsString());
        long lifetime = claims.get("exp").getAsLong() - claims.get("iat").getAsLong();
        assertEquals(3600, lifetime);

        Result pods = asToken(token, "-n", NS, "get", "pods");
        assertEquals(0, pods.code(), pods.describe());
        Result whoami = asToken(token, "auth", "whoami");
        assertEquals(0, whoami.code(), whoami.describe());
        assertTrue(whoami.stdout().contains("system:serviceaccount:" + NS + ":deployer"), whoami.describe());

        // The token dies with its service account.
        ok("-n", NS, "delete", "serviceaccount", "deployer");
        Result after = asToken(token, "-n", NS, "get", "pods");
        assertNotEquals(0, after.code(), after.describe());
        assertTrue(after.output().contains("Unauthorized"), after.describe());
    }

    @Test
    void badTokenRequestsSayWhatIsWrong() throws Exception {
        Result missing = kubelix.kubectl("-n", NS, "create", "token", "nobody");
        assertNotEquals(0, missing.code());
        assertTrue(missing.stderr().contains("serviceaccounts \"nobody\" not found"), missing.describe());
        Result shortLived = kubelix.kubectl("-n", NS, "create", "token", "default", "--duration=1m");
        assertNotEquals(0, shortLived.code());
        assertTrue(shortLived.stderr().contains("less than 10 minutes"), shortLived.describe());
    }

    /** kubectl with no kubeconfig: only the server, its CA and the token. */
    private static Result asToken(String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=/dev/null",
                "--cache-dir=" + cache.resolve("kubectl-cache"), "--server=" + kubelix.url(),
                "--certificate-authority=" + kubelix.caCertificate(), "--token=" + token));
        command.addAll(List.of(args));
        return Result.run(command, Map.of(), null, Duration.ofSeconds(60));
    }

    private static Result ok(String... args) throws Exception {
        Result r = kubelix.kubectl(args);
        assertEquals(0, r.code(), "kubectl " + String.join(" ", args) + "\n" + r.describe());
        return r;
    }
}
