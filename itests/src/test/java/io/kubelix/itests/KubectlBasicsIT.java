package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The everyday kubectl commands against a real Kubelix, checked the way a user sees them: exit
 * codes, what kubectl prints, and what ends up stored. Each test works on its own objects, mostly
 * in the namespace {@value #NS}.
 */
class KubectlBasicsIT {
    static final String NS = "kubectl-basics";

    static KubelixInstance kubelix;
    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.shared();
        applyStdin(namespaceYaml(NS));
    }

    // ---- version and discovery ----

    @Test
    void versionReportsServer132() throws Exception {
        Result r = ok("version", "-o", "json");
        JsonObject version = JsonParser.parseString(r.stdout()).getAsJsonObject();
        JsonObject server = version.getAsJsonObject("serverVersion");
        assertNotNull(server, "no serverVersion in:\n" + r.describe());
        assertEquals("1", server.get("major").getAsString(), r.describe());
        assertEquals("32", server.get("minor").getAsString(), r.describe());
        assertTrue(server.get("gitVersion").getAsString().startsWith("v1.32."), r.describe());
        // The dispatcher picks the kubectl matching the server's minor version.
        assertTrue(version.getAsJsonObject("clientVersion").get("gitVersion").getAsString().startsWith("v1.32."),
                r.describe());

        Result plain = ok("version");
        assertTrue(plain.stdout().contains("Server Version: v1.32."), plain.describe());
    }

    @Test
    void apiResourcesListsTheBuiltinKinds() throws Exception {
        Result r = ok("api-resources");
        List<List<String>> rows = table(r.stdout());
        assertEquals(List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"), rows.get(0), r.describe());
        assertRow(rows, r, "pods", "po", "v1", "true", "Pod");
        assertRow(rows, r, "deployments", "deploy", "apps/v1", "true", "Deployment");
        assertRow(rows, r, "configmaps", "cm", "v1", "true", "ConfigMap");
        assertRow(rows, r, "namespaces", "ns", "v1", "false", "Namespace");
        assertRow(rows, r, "serviceaccounts", "sa", "v1", "true", "ServiceAccount");
        assertRow(rows, r, "secrets", "", "v1", "true", "Secret");

        Result clusterScoped = ok("api-resources", "--namespaced=false", "-o", "name");
        Set<String> names = lines(clusterScoped.stdout());
        assertTrue(names.contains("namespaces"), clusterScoped.describe());
        assertFalse(names.contains("pods"), clusterScoped.describe());
    }

    // ---- apply ----

    @Test
    void applyEachExampleAndReapplyIsUnchanged() throws Exception {
        String ns = "kubectl-examples";
        applyStdin(namespaceYaml(ns));
        Map<String, String> examples = Map.of(
                "pod.yaml", "pod/web",
                "pod-liveness.yaml", "pod/probed",
                "configmap.yaml", "configmap/app-settings",
                "secret.yaml", "secret/app-credentials");
        for (var e : new java.util.TreeMap<>(examples).entrySet()) {
            Result created = ok("apply", "-f", example(e.getKey()), "-n", ns);
            assertTrue(created.stdout().contains(e.getValue() + " created"), created.describe());
            Result again = ok("apply", "-f", example(e.getKey()), "-n", ns);
            assertTrue(again.stdout().contains(e.getValue() + " unchanged"), again.describe());
        }

        JsonObject pod = getJson("pod", "web", "-n", ns);
        JsonObject container = pod.getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject();
        assertEquals("busybox:1.36", container.get("image").getAsString(), pod.toString());
        JsonObject port = container.getAsJsonArray("ports").get(0).getAsJsonObject();
        assertEquals("http", port.get("name").getAsString(), pod.toString());
        assertEquals(8080, port.get("containerPort").getAsInt(), pod.toString());
        assertEquals("web", Manifests.string(pod, "metadata.labels.app"), pod.toString());
        assertEquals("Pending", Manifests.string(pod, "status.phase"), "a stored pod that nothing runs is Pending: " + pod);

        JsonObject probed = getJson("pod", "probed", "-n", ns);
        JsonObject probe = probed.getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject()
                .getAsJsonObject("livenessProbe");
        assertNotNull(probe, probed.toString());
        assertEquals("/healthy", Manifests.string(probe, "httpGet.path"), probed.toString());
        assertEquals(8080, probe.getAsJsonObject("httpGet").get("port").getAsInt(), probed.toString());
        assertEquals(3, probe.get("failureThreshold").getAsInt(), probed.toString());

        JsonObject cm = getJson("configmap", "app-settings", "-n", ns);
        assertEquals("info", Manifests.string(cm, "data.LOG_LEVEL"), cm.toString());
        assertEquals("cache.size=64\ncache.ttl=30s\n", cm.getAsJsonObject("data").get("settings.properties").getAsString());

        JsonObject secret = getJson("secret", "app-credentials", "-n", ns);
        assertEquals("Opaque", secret.get("type").getAsString(), secret.toString());
        assertEquals("admin", decode(Manifests.string(secret, "data.username")), secret.toString());
        assertEquals("s3cr3t-pa55", decode(Manifests.string(secret, "data.password")), secret.toString());

        Result namespace = ok("apply", "-f", example("namespace.yaml"));
        assertTrue(namespace.stdout().contains("namespace/staging created"), namespace.describe());
        Result namespaceAgain = ok("apply", "-f", example("namespace.yaml"));
        assertTrue(namespaceAgain.stdout().contains("namespace/staging unchanged"), namespaceAgain.describe());
        assertEquals("staging", Manifests.string(getJson("namespace", "staging"), "metadata.labels.environment"));
    }

    @Test
    void applyMultiDocumentFile() throws Exception {
        Result r = ok("apply", "-f", example("bundle.yaml"));
        for (String line : List.of("namespace/shop created", "configmap/shop-config created",
                "pod/shop-frontend created")) {
            assertTrue(r.stdout().contains(line), "missing '" + line + "':\n" + r.describe());
        }
        Result listed = ok("get", "pods,configmaps", "-n", "shop", "-l", "app=shop", "-o", "name");
        assertEquals(Set.of("pod/shop-frontend", "configmap/shop-config"), lines(listed.stdout()), listed.describe());
        JsonObject pod = getJson("pod", "shop-frontend", "-n", "shop");
        assertEquals("shop", Manifests.string(pod, "metadata.namespace"));

        Result again = ok("apply", "-f", example("bundle.yaml"));
        for (String line : List.of("namespace/shop unchanged", "configmap/shop-config unchanged",
                "pod/shop-frontend unchanged")) {
            assertTrue(again.stdout().contains(line), "missing '" + line + "':\n" + again.describe());
        }
    }

    @Test
    void applyOfAChangedFileUpdatesTheObject() throws Exception {
        String cm = Files.readString(Path.of(example("configmap.yaml"))).replace("name: app-settings", "name: changing-settings");
        Path file = write("changing-cm.yaml", cm);
        Result created = ok("apply", "-f", file.toString(), "-n", NS);
        assertTrue(created.stdout().contains("configmap/changing-settings created"), created.describe());

        write("changing-cm.yaml", cm.replace("app: web", "app: web-v2").replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
        Result changed = ok("apply", "-f", file.toString(), "-n", NS);
        assertTrue(changed.stdout().contains("configmap/changing-settings configured"), changed.describe());
        JsonObject stored = getJson("configmap", "changing-settings", "-n", NS);
        assertEquals("web-v2", Manifests.string(stored, "metadata.labels.app"), stored.toString());
        assertEquals("debug", Manifests.string(stored, "data.LOG_LEVEL"), stored.toString());
        assertEquals("hello", Manifests.string(stored, "data.GREETING"), stored.toString());

        // A key dropped from the file is removed from the object (three-way merge with last-applied).
        write("changing-cm.yaml", cm.replace("app: web", "app: web-v2").replace("LOG_LEVEL: info", "LOG_LEVEL: debug")
                .replace("  GREETING: hello\n", ""));
        Result removed = ok("apply", "-f", file.toString(), "-n", NS);
        assertTrue(removed.stdout().contains("configmap/changing-settings configured"), removed.describe());
        stored = getJson("configmap", "changing-settings", "-n", NS);
        assertFalse(stored.getAsJsonObject("data").has("GREETING"), stored.toString());

        // A pod: the image and a label change; the named port stays (merged by container name).
        String pod = Files.readString(Path.of(example("pod.yaml"))).replace("name: web\n  labels", "name: changing-web\n  labels");
        Path podFile = write("changing-pod.yaml", pod);
        ok("apply", "-f", podFile.toString(), "-n", NS);
        write("changing-pod.yaml", pod.replace("image: busybox:1.36", "image: busybox:1.37")
                .replace("tier: frontend", "tier: backend"));
        Result podChanged = ok("apply", "-f", podFile.toString(), "-n", NS);
        assertTrue(podChanged.stdout().contains("pod/changing-web configured"), podChanged.describe());
        JsonObject storedPod = getJson("pod", "changing-web", "-n", NS);
        JsonObject container = storedPod.getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject();
        assertEquals("busybox:1.37", container.get("image").getAsString(), storedPod.toString());
        assertEquals("backend", Manifests.string(storedPod, "metadata.labels.tier"), storedPod.toString());
        assertEquals("http", container.getAsJsonArray("ports").get(0).getAsJsonObject().get("name").getAsString());
    }

    // ---- create ----

    @Test
    void createTwiceFailsWithAlreadyExists() throws Exception {
        Path file = write("create-once.yaml", configMapYaml("created-once", Map.of("k", "v"), Map.of()));
        Result created = ok("create", "-f", file.toString(), "-n", NS);
        assertTrue(created.stdout().contains("configmap/created-once created"), created.describe());

        Result again = kubelix.kubectl("create", "-f", file.toString(), "-n", NS);
        assertEquals(1, again.code(), again.describe());
        assertTrue(again.stderr().contains("Error from server (AlreadyExists)"), again.describe());
        assertTrue(again.stderr().contains("configmaps \"created-once\" already exists"), again.describe());
    }

    // ---- get ----

    @Test
    void getInEveryOutputFormat() throws Exception {
        applyStdin(podYaml("getter", Map.of("app", "getter-app")), "-n", NS);
        applyStdin(configMapYaml("getter-cm", Map.of("a", "1"), Map.of("app", "getter-app")), "-n", NS);

        Result yaml = ok("get", "pod", "getter", "-n", NS, "-o", "yaml");
        Map<String, Object> fromYaml = new Yaml().load(yaml.stdout());
        assertEquals("Pod", fromYaml.get("kind"), yaml.describe());
        assertEquals("v1", fromYaml.get("apiVersion"), yaml.describe());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) fromYaml.get("metadata");
        assertEquals("getter", metadata.get("name"), yaml.describe());
        assertEquals(NS, metadata.get("namespace"), yaml.describe());
        for (String field : List.of("uid", "resourceVersion", "creationTimestamp")) {
            assertNotNull(metadata.get(field), field + " missing:\n" + yaml.describe());
        }

        JsonObject json = getJson("pod", "getter", "-n", NS);
        assertEquals(metadata.get("uid"), Manifests.uid(json), "the same object in yaml and json");
        assertEquals("http", json.getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject()
                .getAsJsonArray("ports").get(0).getAsJsonObject().get("name").getAsString());

        assertEquals("getter", ok("get", "pod", "getter", "-n", NS, "-o", "jsonpath={.metadata.name}").stdout());
        assertEquals("8080", ok("get", "pod", "getter", "-n", NS, "-o",
                "jsonpath={.spec.containers[0].ports[0].containerPort}").stdout());

        Result wide = ok("get", "pod", "getter", "-n", NS, "-o", "wide");
        List<List<String>> wideRows = table(wide.stdout());
        String header = wide.stdout().lines().findFirst().orElse("");
        for (String column : List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE")) {
            assertTrue(header.contains(column), "no " + column + " column in -o wide:\n" + wide.describe());
        }
        assertEquals("getter", wideRows.get(1).get(0), wide.describe());
        assertTrue(wideRows.get(1).contains("Pending"), wide.describe());
        assertTrue(wideRows.get(1).contains("0/1"), wide.describe());

        assertEquals("pod/getter", ok("get", "pod", "getter", "-n", NS, "-o", "name").stdout().strip());

        Result labels = ok("get", "pod", "getter", "-n", NS, "--show-labels");
        assertTrue(labels.stdout().lines().findFirst().orElse("").contains("LABELS"), labels.describe());
        assertTrue(labels.stdout().contains("app=getter-app"), labels.describe());

        Result selected = ok("get", "pods,configmaps", "-n", NS, "-l", "app=getter-app", "-o", "name");
        assertEquals(Set.of("pod/getter", "configmap/getter-cm"), lines(selected.stdout()), selected.describe());

        Result none = ok("get", "pods", "-n", NS, "-l", "app=matches-nothing");
        assertEquals("", none.stdout().strip(), none.describe());
        assertTrue(none.stderr().contains("No resources found in " + NS + " namespace."), none.describe());
    }

    @Test
    void getAllNamespacesShowsTheNamespaceColumn() throws Exception {
        String other = "kubectl-other";
        applyStdin(namespaceYaml(other));
        applyStdin(configMapYaml("spread", Map.of("x", "1"), Map.of("spread", "yes")), "-n", NS);
        applyStdin(configMapYaml("spread", Map.of("x", "2"), Map.of("spread", "yes")), "-n", other);

        Result r = ok("get", "configmaps", "-A", "-l", "spread=yes");
        List<List<String>> rows = table(r.stdout());
        assertEquals("NAMESPACE", rows.get(0).get(0), r.describe());
        Set<String> namespaced = rows.subList(1, rows.size()).stream().map(row -> row.get(0) + "/" + row.get(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of(NS + "/spread", other + "/spread")), namespaced, r.describe());

        Result defaults = ok("get", "serviceaccounts", "-A", "--field-selector", "metadata.name=default");
        assertTrue(defaults.stdout().contains(other), "each namespace has its default service account:\n"
                + defaults.describe());
    }

    @Test
    void getWatchPrintsAddedAndModifiedEvents() throws Exception {
        applyStdin(configMapYaml("watch-a", Map.of("n", "1"), Map.of("watched", "yes")), "-n", NS);
        Process watch = kubelix.kubectlProcess("get", "configmaps", "-n", NS, "-l", "watched=yes", "-w",
                "--output-watch-events");
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        StringBuffer err = new StringBuffer();
        Thread outReader = pump(watch.getInputStream(), out::add);
        Thread errReader = pump(watch.getErrorStream(), line -> err.append(line).append('\n'));
        List<String> seen = new ArrayList<>();
        try {
            // The initial list arrives as ADDED too: once it is printed, the watch is being set up.
            awaitLine(out, seen, err, Pattern.compile("^ADDED\\s+watch-a\\s"), Duration.ofSeconds(30));
            applyStdin(configMapYaml("watch-b", Map.of("n", "1"), Map.of("watched", "yes")), "-n", NS);
            awaitLine(out, seen, err, Pattern.compile("^ADDED\\s+watch-b\\s"), Duration.ofSeconds(20));
            ok("label", "configmap", "watch-b", "-n", NS, "step=two");
            awaitLine(out, seen, err, Pattern.compile("^MODIFIED\\s+watch-b\\s"), Duration.ofSeconds(20));
            assertTrue(watch.isAlive(), "kubectl get -w must keep watching; printed " + seen + " stderr " + err);
            assertTrue(seen.get(0).startsWith("EVENT"), "the first line is the header: " + seen);
        } finally {
            watch.descendants().forEach(ProcessHandle::destroy);
            watch.destroy();
            if (!watch.waitFor(10, TimeUnit.SECONDS)) {
                watch.destroyForcibly();
            }
            outReader.join(5000);
            errReader.join(5000);
        }
    }

    // ---- describe ----

    @Test
    void describeShowsThePodAndConfigMapFields() throws Exception {
        ok("apply", "-f", example("pod-liveness.yaml"), "-n", NS);
        ok("apply", "-f", example("configmap.yaml"), "-n", NS);

        Result pod = ok("describe", "pod", "probed", "-n", NS);
        assertField(pod, "Name", "probed");
        assertField(pod, "Namespace", NS);
        assertField(pod, "Labels", "app=probed");
        assertField(pod, "Status", "Pending");
        assertField(pod, "Image", "busybox:1.36");
        assertField(pod, "Port", "8080/TCP");
        assertTrue(pod.stdout().contains("Containers:"), pod.describe());
        assertTrue(Pattern.compile("(?m)^\\s+server:$").matcher(pod.stdout()).find(), pod.describe());
        assertTrue(Pattern.compile("(?m)^\\s+Liveness:\\s+http-get http://:8080/healthy delay=5s timeout=1s "
                + "period=10s #success=1 #failure=3$").matcher(pod.stdout()).find(), pod.describe());

        Result cm = ok("describe", "configmap", "app-settings", "-n", NS);
        assertField(cm, "Name", "app-settings");
        assertField(cm, "Namespace", NS);
        assertField(cm, "Labels", "app=web");
        assertTrue(Pattern.compile("(?m)^Data$\\n^====$").matcher(cm.stdout()).find(), cm.describe());
        assertTrue(Pattern.compile("(?m)^LOG_LEVEL:$\\n^----$\\n^info$").matcher(cm.stdout()).find(), cm.describe());
        assertTrue(cm.stdout().contains("cache.size=64"), cm.describe());
    }

    // ---- label, annotate ----

    @Test
    void labelAddOverwriteRemove() throws Exception {
        applyStdin(configMapYaml("labelled", Map.of("k", "v"), Map.of()), "-n", NS);
        Result added = ok("label", "configmap", "labelled", "-n", NS, "tier=a");
        assertTrue(added.stdout().contains("configmap/labelled labeled"), added.describe());
        assertEquals("a", label("labelled", "tier"));

        Result refused = kubelix.kubectl("label", "configmap", "labelled", "-n", NS, "tier=b");
        assertEquals(1, refused.code(), refused.describe());
        assertTrue(refused.stderr().contains("'tier' already has a value (a), and --overwrite is false"),
                refused.describe());
        assertEquals("a", label("labelled", "tier"));

        ok("label", "configmap", "labelled", "-n", NS, "tier=b", "--overwrite");
        assertEquals("b", label("labelled", "tier"));

        Result removed = ok("label", "configmap", "labelled", "-n", NS, "tier-");
        assertTrue(removed.stdout().contains("configmap/labelled unlabeled"), removed.describe());
        assertEquals("", label("labelled", "tier"));
    }

    @Test
    void annotateAddOverwriteRemove() throws Exception {
        applyStdin(configMapYaml("annotated", Map.of("k", "v"), Map.of()), "-n", NS);
        String path = "jsonpath={.metadata.annotations.example\\.com/owner}";
        Result added = ok("annotate", "configmap", "annotated", "-n", NS, "example.com/owner=team-a");
        assertTrue(added.stdout().contains("configmap/annotated annotated"), added.describe());
        assertEquals("team-a", ok("get", "configmap", "annotated", "-n", NS, "-o", path).stdout());

        Result refused = kubelix.kubectl("annotate", "configmap", "annotated", "-n", NS, "example.com/owner=team-b");
        assertEquals(1, refused.code(), refused.describe());
        ok("annotate", "configmap", "annotated", "-n", NS, "example.com/owner=team-b", "--overwrite");
        assertEquals("team-b", ok("get", "configmap", "annotated", "-n", NS, "-o", path).stdout());

        ok("annotate", "configmap", "annotated", "-n", NS, "example.com/owner-");
        assertEquals("", ok("get", "configmap", "annotated", "-n", NS, "-o", path).stdout());
    }

    // ---- replace ----

    @Test
    void replaceAndReplaceWithStaleResourceVersion() throws Exception {
        ok("create", "-f", write("replaced.yaml", configMapYaml("replaced", Map.of("a", "1"), Map.of())).toString(),
                "-n", NS);
        JsonObject original = getJson("configmap", "replaced", "-n", NS);

        JsonObject next = original.deepCopy();
        next.getAsJsonObject("data").addProperty("a", "2");
        Result replaced = ok("replace", "-f", write("replaced-2.json", next.toString()).toString());
        assertTrue(replaced.stdout().contains("configmap/replaced replaced"), replaced.describe());
        JsonObject stored = getJson("configmap", "replaced", "-n", NS);
        assertEquals("2", Manifests.string(stored, "data.a"));
        assertNotEquals(Manifests.resourceVersion(original), Manifests.resourceVersion(stored));

        // The first version's resourceVersion is stale now.
        JsonObject stale = original.deepCopy();
        stale.getAsJsonObject("data").addProperty("a", "3");
        Result conflict = kubelix.kubectl("replace", "-f", write("replaced-stale.json", stale.toString()).toString());
        assertEquals(1, conflict.code(), conflict.describe());
        assertTrue(conflict.stderr().contains("Error from server (Conflict)"), conflict.describe());
        assertTrue(conflict.stderr().contains("Operation cannot be fulfilled on configmaps \"replaced\": the object "
                + "has been modified; please apply your changes to the latest version and try again"), conflict.describe());
        JsonObject after = getJson("configmap", "replaced", "-n", NS);
        assertEquals("2", Manifests.string(after, "data.a"));
        assertEquals(Manifests.resourceVersion(stored), Manifests.resourceVersion(after));
    }

    // ---- delete ----

    @Test
    void deleteByNameByFileAndBySelector() throws Exception {
        applyStdin(configMapYaml("del-one", Map.of("k", "v"), Map.of()), "-n", NS);
        Path file = write("del-file.yaml", configMapYaml("del-file", Map.of("k", "v"), Map.of()));
        ok("apply", "-f", file.toString(), "-n", NS);
        for (String name : List.of("del-l-1", "del-l-2")) {
            applyStdin(configMapYaml(name, Map.of("k", "v"), Map.of("purge", "yes")), "-n", NS);
        }
        applyStdin(configMapYaml("del-keep", Map.of("k", "v"), Map.of("purge", "no")), "-n", NS);

        Result byName = ok("delete", "configmap", "del-one", "-n", NS);
        assertTrue(byName.stdout().contains("configmap \"del-one\" deleted"), byName.describe());
        Result gone = kubelix.kubectl("get", "configmap", "del-one", "-n", NS);
        assertEquals(1, gone.code(), gone.describe());
        assertTrue(gone.stderr().contains("Error from server (NotFound): configmaps \"del-one\" not found"),
                gone.describe());

        Result byFile = ok("delete", "-f", file.toString(), "-n", NS);
        assertTrue(byFile.stdout().contains("configmap \"del-file\" deleted"), byFile.describe());
        assertEquals(1, kubelix.kubectl("get", "configmap", "del-file", "-n", NS).code());

        Result bySelector = ok("delete", "configmap", "-l", "purge=yes", "-n", NS);
        assertTrue(bySelector.stdout().contains("configmap \"del-l-1\" deleted"), bySelector.describe());
        assertTrue(bySelector.stdout().contains("configmap \"del-l-2\" deleted"), bySelector.describe());
        Result left = ok("get", "configmaps", "-l", "purge", "-n", NS, "-o", "name");
        assertEquals(Set.of("configmap/del-keep"), lines(left.stdout()), left.describe());
    }

    // ---- namespaces ----

    @Test
    void deletingANamespaceRemovesItsContent() throws Exception {
        String doomed = "kubectl-doomed";
        applyStdin(namespaceYaml(doomed));
        applyStdin(configMapYaml("inside", Map.of("k", "v"), Map.of()), "-n", doomed);
        applyStdin(podYaml("inside-pod", Map.of("app", "inside")), "-n", doomed);

        Result deleted = ok("delete", "namespace", doomed, "--timeout=90s");
        assertTrue(deleted.stdout().contains("namespace \"" + doomed + "\" deleted"), deleted.describe());
        Poll.until("the configmap of the deleted namespace is gone", Duration.ofSeconds(30), () -> {
            Result r = kubelix.kubectl("get", "configmap", "inside", "-n", doomed);
            return Poll.Seen.of(r.code() == 1 && r.stderr().contains("(NotFound)"), r.describe());
        });
        Poll.until("the pod of the deleted namespace is gone", Duration.ofSeconds(30), () -> {
            Result r = kubelix.kubectl("get", "pod", "inside-pod", "-n", doomed);
            return Poll.Seen.of(r.code() == 1 && r.stderr().contains("(NotFound)"), r.describe());
        });
        Poll.until("the namespace is gone", Duration.ofSeconds(60), () -> {
            Result r = kubelix.kubectl("get", "namespace", doomed);
            return Poll.Seen.of(r.code() == 1
                    && r.stderr().contains("Error from server (NotFound): namespaces \"" + doomed + "\" not found"),
                    r.describe());
        });
    }

    @Test
    void aNewNamespaceGetsTheDefaultServiceAccount() throws Exception {
        String fresh = "kubectl-fresh";
        applyStdin(namespaceYaml(fresh));
        Poll.until("serviceaccount/default exists in " + fresh, Duration.ofSeconds(30), () -> {
            Result r = kubelix.kubectl("get", "serviceaccount", "default", "-n", fresh, "-o", "name");
            return Poll.Seen.of(r.code() == 0 && r.stdout().strip().equals("serviceaccount/default"), r.describe());
        });
    }

    // ---- categories and short names ----

    @Test
    void getAllShowsWorkloadsOnly() throws Exception {
        String ns = "kubectl-all";
        applyStdin(namespaceYaml(ns));
        applyStdin(podYaml("all-pod", Map.of("app", "all")), "-n", ns);
        applyStdin(deploymentYaml("all-deploy"), "-n", ns);
        applyStdin(configMapYaml("all-cm", Map.of("k", "v"), Map.of()), "-n", ns);

        Result all = ok("get", "all", "-n", ns, "-o", "name");
        Set<String> names = lines(all.stdout());
        assertTrue(names.contains("pod/all-pod"), all.describe());
        assertTrue(names.contains("deployment.apps/all-deploy"), all.describe());
        assertFalse(names.contains("configmap/all-cm"), "configmaps are not in the category all:\n" + all.describe());
    }

    @Test
    void shortNamesResolveLikeTheFullNames() throws Exception {
        applyStdin(podYaml("short-pod", Map.of("app", "short")), "-n", NS);
        applyStdin(deploymentYaml("short-deploy"), "-n", NS);
        Map<String, String> aliases = new java.util.LinkedHashMap<>();
        aliases.put("po", "pods");
        aliases.put("cm", "configmaps");
        aliases.put("sa", "serviceaccounts");
        aliases.put("deploy", "deployments");
        for (var alias : aliases.entrySet()) {
            Result viaShort = ok("get", alias.getKey(), "-n", NS, "-o", "name");
            Result viaFull = ok("get", alias.getValue(), "-n", NS, "-o", "name");
            assertFalse(viaShort.stdout().isBlank(), viaShort.describe());
            assertEquals(lines(viaFull.stdout()), lines(viaShort.stdout()), alias.getKey() + " vs " + alias.getValue());
        }
        assertTrue(lines(ok("get", "po", "-n", NS, "-o", "name").stdout()).contains("pod/short-pod"));
        assertTrue(lines(ok("get", "deploy", "-n", NS, "-o", "name").stdout()).contains("deployment.apps/short-deploy"));
        assertTrue(lines(ok("get", "sa", "-n", NS, "-o", "name").stdout()).contains("serviceaccount/default"));
        Result ns = ok("get", "ns", "-o", "name");
        assertTrue(lines(ns.stdout()).containsAll(Set.of("namespace/default", "namespace/kube-system",
                "namespace/" + NS)), ns.describe());
        assertEquals(lines(ok("get", "namespaces", "-o", "name").stdout()), lines(ns.stdout()));
    }

    // ---- helpers ----

    static Result ok(String... args) throws Exception {
        Result r = kubelix.kubectl(args);
        assertEquals(0, r.code(), () -> "kubectl " + String.join(" ", args) + " failed:\n" + r.describe());
        return r;
    }

    static Result applyStdin(String manifest, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
        args.addAll(Arrays.asList(extra));
        Result r = kubelix.kubectlWithInput(manifest, args.toArray(String[]::new));
        assertEquals(0, r.code(), () -> "kubectl apply of\n" + manifest + "\nfailed:\n" + r.describe());
        return r;
    }

    static JsonObject getJson(String... what) throws Exception {
        List<String> args = new ArrayList<>(List.of("get"));
        args.addAll(Arrays.asList(what));
        args.addAll(List.of("-o", "json"));
        Result r = ok(args.toArray(String[]::new));
        return JsonParser.parseString(r.stdout()).getAsJsonObject();
    }

    static String label(String configMap, String key) throws Exception {
        return ok("get", "configmap", configMap, "-n", NS, "-o", "jsonpath={.metadata.labels." + key + "}").stdout();
    }

    static String example(String file) {
        Path repo = Path.of(System.getProperty("kubelix.repo", "..")).toAbsolutePath().normalize();
        Path path = repo.resolve("docs/examples").resolve(file);
        assertTrue(Files.isRegularFile(path), "missing example " + path);
        return path.toString();
    }

    static Path write(String name, String content) throws Exception {
        return Files.writeString(files.resolve(name), content);
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    static String namespaceYaml(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
    }

    static String configMapYaml(String name, Map<String, String> data, Map<String, String> labels) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
        if (!labels.isEmpty()) {
            y.append("  labels:\n");
            new java.util.TreeMap<>(labels).forEach((k, v) -> y.append("    ").append(k).append(": \"").append(v)
                    .append("\"\n"));
        }
        y.append("data:\n");
        new java.util.TreeMap<>(data).forEach((k, v) -> y.append("  ").append(k).append(": \"").append(v).append("\"\n"));
        return y.toString();
    }

    static String podYaml(String name, Map<String, String> labels) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  labels:\n");
        new java.util.TreeMap<>(labels).forEach((k, v) -> y.append("    ").append(k).append(": ").append(v).append('\n'));
        y.append("spec:\n  containers:\n    - name: main\n      image: busybox:1.36\n"
                + "      command: [\"httpd\", \"-f\", \"-p\", \"8080\"]\n"
                + "      ports:\n        - name: http\n          containerPort: 8080\n");
        return y.toString();
    }

    static String deploymentYaml(String name) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n  replicas: 1\n"
                + "  selector:\n    matchLabels:\n      app: " + name + "\n  template:\n    metadata:\n      labels:\n"
                + "        app: " + name + "\n    spec:\n      containers:\n        - name: main\n"
                + "          image: busybox:1.36\n          command: [\"sleep\", \"3600\"]\n";
    }

    /** Whitespace-separated columns of kubectl's table output; empty cells (two spaces or more) kept. */
    static List<List<String>> table(String output) {
        List<String> rawLines = output.lines().filter(l -> !l.isBlank()).toList();
        if (rawLines.isEmpty()) {
            return List.of(List.of());
        }
        // Column starts come from the header, so an empty SHORTNAMES cell stays a cell.
        String header = rawLines.get(0);
        List<Integer> starts = new ArrayList<>();
        var m = Pattern.compile("\\S+(?: \\S+)*").matcher(header);
        while (m.find()) {
            starts.add(m.start());
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : rawLines) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                int from = Math.min(starts.get(i), line.length());
                int to = i + 1 < starts.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                cells.add(line.substring(from, to).strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    static void assertRow(List<List<String>> rows, Result r, String... expected) {
        List<String> row = rows.stream().filter(x -> !x.isEmpty() && x.get(0).equals(expected[0])).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + expected[0] + ":\n" + r.describe()));
        List<String> shortNames = Arrays.asList(row.get(1).split(","));
        assertTrue(expected[1].isEmpty() ? row.get(1).isEmpty() : shortNames.contains(expected[1]),
                "short names of " + expected[0] + ": " + row + "\n" + r.describe());
        assertEquals(List.of(expected[2], expected[3], expected[4]), row.subList(2, 5), r.describe());
    }

    static Set<String> lines(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A describe line "Field:   value". */
    static void assertField(Result r, String field, String value) {
        assertTrue(Pattern.compile("(?m)^\\s*" + Pattern.quote(field) + ":\\s+" + Pattern.quote(value) + "\\s*$")
                .matcher(r.stdout()).find(), "no '" + field + ": " + value + "' in:\n" + r.describe());
    }

    static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (java.io.IOException ignored) {
                // The process was stopped.
            }
        }, "kubectl-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void awaitLine(BlockingQueue<String> out, List<String> seen, StringBuffer err, Pattern wanted,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (seen.stream().anyMatch(l -> wanted.matcher(l).find())) {
            return;
        }
        while (System.nanoTime() < deadline) {
            String line = out.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.matcher(line).find()) {
                    return;
                }
            }
        }
        throw new AssertionError("kubectl get -w printed no line matching " + wanted + " within " + timeout
                + "; stdout lines: " + seen + "; stderr: " + err);
    }
}
