package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32's generators (create configmap, secret, namespace, deployment, service, serviceaccount, and
 * autoscale) send their objects as protobuf; they must succeed and store what the same command stores when
 * it sends JSON.
 */
class ProtobufGeneratorsIT {
    static final String NS = "protobuf-generators";

    static KubelixInstance kubelix;
    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.shared();
        // Also the proof that this kubectl sends protobuf at all: otherwise these tests would prove nothing.
        Result r = ok("create", "namespace", NS, "-v=8");
        assertTrue(r.output().contains("Content-Type: application/vnd.kubernetes.protobuf"),
                "kubectl did not send a protobuf body, so this test tests nothing:\n" + r.describe());
    }

    @Test
    void createNamespace() throws Exception {
        JsonObject ns = get("namespace", NS);
        assertEquals(NS, ns.getAsJsonObject("metadata").get("name").getAsString());
        assertEquals("Active", ns.getAsJsonObject("status").get("phase").getAsString());
    }

    @Test
    void createConfigMapFromLiteralsAndFile() throws Exception {
        Path file = files.resolve("app.properties");
        Files.writeString(file, "color=blue\nsize=10\n", StandardCharsets.UTF_8);
        ok("-n", NS, "create", "configmap", "settings", "--from-literal=mode=fast", "--from-literal=empty=",
                "--from-file=" + file);
        JsonObject cm = get("configmap", "settings");
        JsonObject data = cm.getAsJsonObject("data");
        assertEquals("fast", data.get("mode").getAsString());
        assertEquals("", data.get("empty").getAsString());
        assertEquals("color=blue\nsize=10\n", data.get("app.properties").getAsString());
        assertEquals(3, data.size(), cm.toString());
        assertFalse(cm.has("binaryData"), cm.toString());
    }

    @Test
    void createSecretGenericKeepsTheBytes() throws Exception {
        ok("-n", NS, "create", "secret", "generic", "db-password", "--from-literal=password=hunter2",
                "--from-literal=user=admin");
        JsonObject secret = get("secret", "db-password");
        assertEquals("Opaque", secret.get("type").getAsString());
        JsonObject data = secret.getAsJsonObject("data");
        assertEquals("hunter2", decode(data.get("password").getAsString()));
        assertEquals("admin", decode(data.get("user").getAsString()));
    }

    @Test
    void createSecretDockerRegistry() throws Exception {
        ok("-n", NS, "create", "secret", "docker-registry", "pull", "--docker-server=registry.example:5000",
                "--docker-username=robot", "--docker-password=s3cret", "--docker-email=robot@example.com");
        JsonObject secret = get("secret", "pull");
        assertEquals("kubernetes.io/dockerconfigjson", secret.get("type").getAsString());
        JsonObject config = JsonParser.parseString(
                decode(secret.getAsJsonObject("data").get(".dockerconfigjson").getAsString())).getAsJsonObject();
        JsonObject registry = config.getAsJsonObject("auths").getAsJsonObject("registry.example:5000");
        assertEquals("robot", registry.get("username").getAsString());
        assertEquals("s3cret", registry.get("password").getAsString());
        assertEquals("robot:s3cret", decode(registry.get("auth").getAsString()));
    }

    @Test
    void createDeployment() throws Exception {
        ok("-n", NS, "create", "deployment", "web", "--image=busybox", "--port=8080", "--", "sleep", "3600");
        JsonObject spec = get("deployment", "web").getAsJsonObject("spec");
        assertEquals(1, spec.get("replicas").getAsInt(), spec.toString());
        assertEquals("web", spec.getAsJsonObject("selector").getAsJsonObject("matchLabels").get("app").getAsString());
        JsonObject container = spec.getAsJsonObject("template").getAsJsonObject("spec").getAsJsonArray("containers")
                .get(0).getAsJsonObject();
        assertEquals("busybox", container.get("image").getAsString());
        assertEquals("[\"sleep\",\"3600\"]", container.getAsJsonArray("command").toString());
        assertEquals(8080, container.getAsJsonArray("ports").get(0).getAsJsonObject().get("containerPort").getAsInt());
        // Fields kubectl never set reach the server as Go zero values; they must not be stored as such.
        assertFalse(container.has("stdin"), container.toString());
        assertFalse(spec.getAsJsonObject("template").getAsJsonObject("metadata").has("creationTimestamp"),
                spec.toString());
    }

    @Test
    void createDeploymentWithZeroReplicasKeepsTheZero() throws Exception {
        ok("-n", NS, "create", "deployment", "idle", "--image=busybox", "--replicas=0");
        assertEquals(0, get("deployment", "idle").getAsJsonObject("spec").get("replicas").getAsInt());
    }

    @Test
    void createServiceClusterIp() throws Exception {
        ok("-n", NS, "create", "service", "clusterip", "db", "--tcp=5432:8080");
        JsonObject spec = get("service", "db").getAsJsonObject("spec");
        assertEquals("ClusterIP", spec.get("type").getAsString());
        assertEquals("db", spec.getAsJsonObject("selector").get("app").getAsString());
        JsonObject port = spec.getAsJsonArray("ports").get(0).getAsJsonObject();
        assertEquals(5432, port.get("port").getAsInt());
        assertEquals(8080, port.get("targetPort").getAsInt());
        assertEquals("TCP", port.get("protocol").getAsString());
        assertFalse(port.has("nodePort"), port.toString());
    }

    @Test
    void createServiceAccount() throws Exception {
        ok("-n", NS, "create", "serviceaccount", "robot");
        assertEquals("robot", get("serviceaccount", "robot").getAsJsonObject("metadata").get("name").getAsString());
    }

    @Test
    void autoscaleADeployment() throws Exception {
        ok("-n", NS, "create", "deployment", "scaled", "--image=busybox");
        ok("-n", NS, "autoscale", "deployment", "scaled", "--min=2", "--max=5", "--cpu-percent=70");
        JsonObject spec = get("hpa", "scaled").getAsJsonObject("spec");
        assertEquals(2, spec.get("minReplicas").getAsInt(), spec.toString());
        assertEquals(5, spec.get("maxReplicas").getAsInt(), spec.toString());
        assertEquals("scaled", spec.getAsJsonObject("scaleTargetRef").get("name").getAsString());
        assertEquals("Deployment", spec.getAsJsonObject("scaleTargetRef").get("kind").getAsString());
    }

    private static JsonObject get(String type, String name) throws Exception {
        Result r = ok("-n", NS, "get", type, name, "-o", "json");
        return JsonParser.parseString(r.stdout()).getAsJsonObject();
    }

    private static Result ok(String... args) throws Exception {
        Result r = kubelix.kubectl(args);
        assertEquals(0, r.code(), "kubectl " + String.join(" ", args) + "\n" + r.describe());
        return r;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
