package io.kubelix.itests.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The kubectl benchmark: strategic-merge-patch latency on a pod of 10 containers (beside a JSON merge
 * patch of one label), and {@code kubectl apply -f} of a 100-object manifest beside the same 100 objects
 * created by raw POSTs, against a Kubelix started with the repository's launcher ({@code ./kubelix up})
 * in a home of its own ({@code itests/target/bench-kubectl-home}) on free ports.
 *
 * <p>JDK only, runs as a single source file from the repository:
 * {@code java itests/src/test/java/io/kubelix/itests/bench/KubectlBenchmark.java}.
 * Prints a table and writes {@code itests/target/bench-kubectl-results.md}. The instance it starts is
 * stopped on success, on failure and on Ctrl-C.
 *
 * <p>Settings (system properties): {@code kubelix.repo} (default: the working directory or its parent),
 * {@code bench.kubectl} (/usr/bin/kubectl), {@code bench.patchWarmup} (50), {@code bench.patches} (500),
 * {@code bench.applyRepeats} (5).
 */
public final class KubectlBenchmark {
    private static final double TARGET_APPLY_OVER_RAW = 1.5;
    private static final int CONTAINERS = 10;
    private static final String PATCHED_CONTAINER = "c3";

    private final Path repo;
    private final Path home;
    private final Path kubectl;
    private final int patchWarmup = Integer.getInteger("bench.patchWarmup", 50);
    private final int patches = Integer.getInteger("bench.patches", 500);
    private final int applyRepeats = Integer.getInteger("bench.applyRepeats", 5);
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long karafPid = -1;
    private volatile boolean started;

    private KubectlBenchmark(Path repo) throws IOException {
        this.repo = repo;
        this.home = repo.resolve("itests/target/bench-kubectl-home");
        this.kubectl = Path.of(System.getProperty("bench.kubectl", "/usr/bin/kubectl"));
        env.put("KUBELIX_HOME", home.toString());
        env.put("KUBELIX_PORT", Integer.toString(freePort()));
        env.put("KUBELIX_SSH_PORT", Integer.toString(freePort()));
        env.put("KUBELIX_NO_BUILD", "1");
    }

    public static void main(String[] args) throws Exception {
        Path repo = findRepo();
        KubectlBenchmark bench = new KubectlBenchmark(repo);
        Thread stopOnExit = new Thread(bench::stopQuietly, "stop-kubelix-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("benchmark FAILED: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                System.err.println("  caused by: " + c);
            }
            code = 1;
        } finally {
            bench.stopQuietly();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException ignored) {
                // Already exiting: the hook runs anyway.
            }
        }
        System.exit(code);
    }

    private static Path findRepo() {
        String configured = System.getProperty("kubelix.repo");
        Path cwd = Path.of(configured != null ? configured : "").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("kubelix")) && Files.isDirectory(p.resolve("itests"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from the Kubelix repository (no ./kubelix launcher above " + cwd
                + "), or set -Dkubelix.repo");
    }

    private void run() throws Exception {
        if (!Files.isExecutable(kubectl)) {
            throw new IllegalStateException("no kubectl at " + kubectl + "; set -Dbench.kubectl=<path>");
        }
        String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadStart = loadAverage();
        String kubectlVersion = exec(List.of(kubectl.toString(), "version", "--client"), null).out
                .lines().findFirst().orElse("?");
        System.out.printf(Locale.ROOT, "Kubelix kubectl benchmark  %s  commit %s%n", date, gitCommit());
        System.out.printf(Locale.ROOT, "machine: %d cores, kernel %s, %s; %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                kubectlVersion, loadStart);
        notes.add("date " + date + ", commit " + gitCommit() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + kubectlVersion + ", load average at start " + loadStart);

        start();
        Path data = home.resolve("data/kubelix");
        Api api = new Api("https://127.0.0.1:" + env.get("KUBELIX_PORT"), data.resolve("pki/ca.crt"),
                Files.readString(data.resolve("pki/admin.token")).strip());
        Path kubeconfig = data.resolve("admin.kubeconfig");

        measurePatches(api);
        measureApply(api, kubeconfig);

        String loadEnd = loadAverage();
        notes.add("load average at end " + loadEnd);
        report();
    }

    // ---- 1. patches ----

    private void measurePatches(Api api) throws Exception {
        String ns = "bench-patch";
        api.post("/api/v1/namespaces", json(namespace(ns)));
        String podPath = "/api/v1/namespaces/" + ns + "/pods";
        api.post(podPath, json(pod(ns, "patch-target")));
        String pod = podPath + "/patch-target";
        // A pod refuses env changes (like Kubernetes: only images and a few fields are mutable), so the
        // image + env patch goes to the same 10 containers in a ReplicaSet's template; replicas 0 keeps
        // controllers out of the measurement.
        String rsPath = "/apis/apps/v1/namespaces/" + ns + "/replicasets";
        api.post(rsPath, json(replicaSet(ns, "patch-target")));
        String rs = rsPath + "/patch-target";
        int last = patchWarmup + patches - 1;

        double[] smpTemplate = timePatches(api, rs, "application/strategic-merge-patch+json",
                i -> "{\"spec\":{\"template\":" + strategicPatch(i, true) + "}}");
        checkPatched(new String(api.get(rs), StandardCharsets.UTF_8), last, true);
        double[] smpPod = timePatches(api, pod, "application/strategic-merge-patch+json", i -> strategicPatch(i, false));
        String podAfter = new String(api.get(pod), StandardCharsets.UTF_8);
        checkPatched(podAfter, last, false);
        double[] merge = timePatches(api, pod, "application/merge-patch+json",
                i -> "{\"metadata\":{\"labels\":{\"bench\":\"v" + i + "\"}}}");
        if (!podAfter.contains("\"app\":\"bench\"")
                || !new String(api.get(pod), StandardCharsets.UTF_8).contains("\"bench\":\"v" + last + "\"")) {
            throw new IllegalStateException("the merge patch of a label did not land");
        }
        addLatencyRows("strategic merge patch: image + one env value of 1 of 10 containers, ReplicaSet template ("
                + strategicPatch(0, true).getBytes(StandardCharsets.UTF_8).length + " B)", smpTemplate);
        addLatencyRows("strategic merge patch: image of 1 of 10 containers, pod ("
                + strategicPatch(0, false).getBytes(StandardCharsets.UTF_8).length + " B)", smpPod);
        addLatencyRows("merge patch: one label, same pod", merge);
        notes.add("patched pod: " + podAfter.getBytes(StandardCharsets.UTF_8).length + " bytes as returned by GET");
    }

    /** The patch must have landed by name, without disturbing the other containers or their order. */
    private static void checkPatched(String after, int last, boolean withEnv) {
        if (!after.contains("registry.example/bench/app-3:" + last) || (withEnv && !after.contains("\"v" + last + "\""))
                || after.indexOf("\"c2\"") > after.indexOf("\"c3\"") || !after.contains("\"c9\"")
                || !after.contains("registry.example/bench/app-9:1.0") || !after.contains("\"REGION\"")) {
            throw new IllegalStateException("the strategic merge patch did not do what kubectl expects: " + after);
        }
    }

    private interface PatchBody {
        String of(int i);
    }

    private double[] timePatches(Api api, String path, String contentType, PatchBody body) throws Exception {
        double[] measured = new double[patches];
        for (int i = 0; i < patchWarmup + patches; i++) {
            byte[] bytes = body.of(i).getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            api.patch(path, contentType, bytes);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= patchWarmup) {
                measured[i - patchWarmup] = ms;
            }
        }
        return measured;
    }

    /** What kubectl apply sends when one container's image and one env value changed. */
    static String strategicPatch(int i, boolean env) {
        StringBuilder order = new StringBuilder();
        for (int c = 0; c < CONTAINERS; c++) {
            order.append(c == 0 ? "" : ",").append("{\"name\":\"c").append(c).append("\"}");
        }
        return "{\"spec\":{\"$setElementOrder/containers\":[" + order + "],\"containers\":[{"
                + (env ? "\"$setElementOrder/env\":[{\"name\":\"MODE\"},{\"name\":\"LEVEL\"},{\"name\":\"REGION\"}],"
                + "\"env\":[{\"name\":\"LEVEL\",\"value\":\"v" + i + "\"}]," : "")
                + "\"image\":\"registry.example/bench/app-3:" + i + "\",\"name\":\"" + PATCHED_CONTAINER + "\"}]}}";
    }

    // ---- 2. apply ----

    private void measureApply(Api api, Path kubeconfig) throws Exception {
        Path manifestDir = home.resolve("manifest");
        Files.createDirectories(manifestDir);
        List<Map<String, Object>> objects = manifestObjects();
        Path manifest = manifestDir.resolve("bench-100.yaml");
        StringBuilder yaml = new StringBuilder();
        for (Map<String, Object> o : objects) {
            yaml.append("---\n");
            Yaml.write(o, yaml);
        }
        Files.writeString(manifest, yaml);
        notes.add("manifest: " + objects.size() + " objects (40 ConfigMaps, 30 Secrets, 20 Services, 10 Deployments), "
                + Files.size(manifest) + " bytes of YAML");

        Path warmCache = manifestDir.resolve("kubectl-cache-warm");
        deleteTree(warmCache);
        List<String> base = List.of(kubectl.toString(), "--kubeconfig=" + kubeconfig);

        // The fixed cost of starting kubectl at all.
        List<Double> noop = new ArrayList<>();
        for (int i = 0; i < applyRepeats + 1; i++) {
            Run r = exec(List.of(kubectl.toString(), "version", "--client"), null);
            if (i > 0) {
                noop.add(r.ms);
            }
        }

        // Warm-up: the server's create and apply paths compiled, kubectl's discovery cache filled.
        for (int w = 0; w < 2; w++) {
            String wns = "bench-warmup-apply-" + w;
            api.post("/api/v1/namespaces", json(namespace(wns)));
            apply(base, warmCache, manifest, wns, "created");
            String rns = "bench-warmup-raw-" + w;
            api.post("/api/v1/namespaces", json(namespace(rns)));
            rawCreates(api, objects, rns);
        }

        List<Double> applyWarm = new ArrayList<>();
        List<Double> applyCold = new ArrayList<>();
        List<Double> reapply = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < applyRepeats; i++) {
            String warmNs = "bench-apply-" + i;
            String coldNs = "bench-apply-cold-" + i;
            String rawNs = "bench-raw-" + i;
            for (String ns : List.of(warmNs, coldNs, rawNs)) {
                api.post("/api/v1/namespaces", json(namespace(ns)));
            }
            // Alternate the order so neither side always runs right after the other's garbage.
            if (i % 2 == 0) {
                raw.add(rawCreates(api, objects, rawNs));
                applyWarm.add(apply(base, warmCache, manifest, warmNs, "created"));
            } else {
                applyWarm.add(apply(base, warmCache, manifest, warmNs, "created"));
                raw.add(rawCreates(api, objects, rawNs));
            }
            reapply.add(apply(base, warmCache, manifest, warmNs, "unchanged"));
            Path coldCache = manifestDir.resolve("kubectl-cache-cold-" + i);
            deleteTree(coldCache);
            applyCold.add(apply(base, coldCache, manifest, coldNs, "created"));
            System.out.printf(Locale.ROOT, "repeat %d: raw %.0f ms, apply %.0f ms, re-apply %.0f ms, apply with empty cache %.0f ms%n",
                    i + 1, raw.get(i), applyWarm.get(i), reapply.get(i), applyCold.get(i));
        }

        // Who asks what: one more apply and re-apply at -v=6.
        String countNs = "bench-apply-count";
        api.post("/api/v1/namespaces", json(namespace(countNs)));
        Map<String, Integer> applyRequests = countRequests(base, warmCache, manifest, countNs);
        Map<String, Integer> reapplyRequests = countRequests(base, warmCache, manifest, countNs);
        Path coldCountCache = manifestDir.resolve("kubectl-cache-count");
        deleteTree(coldCountCache);
        String coldCountNs = "bench-apply-count-cold";
        api.post("/api/v1/namespaces", json(namespace(coldCountNs)));
        Map<String, Integer> coldRequests = countRequests(base, coldCountCache, manifest, coldCountNs);

        double rawMs = median(raw);
        double warmMs = median(applyWarm);
        double coldMs = median(applyCold);
        rows.add(new String[] {"`kubectl version --client` (kubectl's fixed cost), median of " + noop.size(),
                ms(median(noop)), runs(noop), ""});
        rows.add(new String[] {"100 raw sequential POSTs, one keep-alive connection, median of " + applyRepeats,
                ms(rawMs), runs(raw), ""});
        rows.add(new String[] {"`kubectl apply -f` 100 objects, empty namespace, discovery cached, median of " + applyRepeats,
                ms(warmMs), runs(applyWarm), verdict(warmMs / rawMs)});
        rows.add(new String[] {"`kubectl apply -f` 100 objects, empty namespace, empty kubectl cache, median of " + applyRepeats,
                ms(coldMs), runs(applyCold), verdict(coldMs / rawMs)});
        rows.add(new String[] {"`kubectl apply -f` unchanged manifest again (100 `unchanged`), median of " + applyRepeats,
                ms(median(reapply)), runs(reapply), ""});
        notes.add("requests of one apply, discovery cached: " + applyRequests);
        notes.add("requests of one re-apply (unchanged): " + reapplyRequests);
        notes.add("requests of one apply with an empty kubectl cache: " + coldRequests);
    }

    private static String verdict(double ratio) {
        return String.format(Locale.ROOT, "%.2f× the raw creates: %s (target ≤ %.1f×)", ratio,
                ratio <= TARGET_APPLY_OVER_RAW ? "met" : "**missed**", TARGET_APPLY_OVER_RAW);
    }

    private double apply(List<String> base, Path cache, Path manifest, String ns, String expect) throws Exception {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of("--cache-dir=" + cache, "apply", "-n", ns, "-f", manifest.toString()));
        Run r = exec(cmd, null);
        long matching = r.out.lines().filter(l -> l.endsWith(" " + expect)).count();
        if (r.code != 0 || matching != 100) {
            throw new IllegalStateException("kubectl apply into " + ns + " (exit " + r.code + ") answered " + matching
                    + " of 100 '" + expect + "':\n" + tail(r.out + r.err, 40));
        }
        return r.ms;
    }

    private Map<String, Integer> countRequests(List<String> base, Path cache, Path manifest, String ns)
            throws Exception {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of("--cache-dir=" + cache, "apply", "-v=6", "-n", ns, "-f", manifest.toString()));
        Run r = exec(cmd, null);
        if (r.code != 0) {
            throw new IllegalStateException("kubectl apply -v=6 failed:\n" + tail(r.err, 20));
        }
        Files.writeString(home.resolve("manifest/apply-v6-" + ns + "-" + System.nanoTime() + ".log"), r.err);
        Map<String, Integer> counts = new TreeMap<>();
        double firstRequest = -1;
        double lastOpenApi = -1;
        double lastRequest = -1;
        for (String line : (r.out + "\n" + r.err).split("\n")) {
            int at = line.indexOf("https://");
            if (at < 0) {
                continue;
            }
            double stamp = klogSeconds(line);
            String before = line.substring(0, at).strip();
            String method = before.substring(before.lastIndexOf(' ') + 1).replace("\"", "");
            if (!method.matches("GET|POST|PATCH|PUT|DELETE")) {
                continue;
            }
            String url = line.substring(at).split("[ \"]")[0];
            String p = URI.create(url).getPath();
            String kind;
            if (p.startsWith("/openapi")) {
                kind = "openapi";
            } else if (p.equals("/api") || p.equals("/apis") || p.matches("/apis/[^/]+/[^/]+") || p.equals("/api/v1")) {
                kind = "discovery";
            } else {
                kind = "object";
            }
            counts.merge(method + " " + kind, 1, Integer::sum);
            counts.merge("total", 1, Integer::sum);
            firstRequest = firstRequest < 0 ? stamp : firstRequest;
            lastOpenApi = kind.equals("openapi") ? stamp : lastOpenApi;
            lastRequest = stamp;
        }
        // Where kubectl's wall time goes, from klog's timestamps (microseconds) of each request's answer.
        double started = java.time.Instant.ofEpochMilli(r.startedEpochMs).atZone(java.time.ZoneId.systemDefault())
                .toLocalTime().toNanoOfDay() / 1e9;
        double before = (firstRequest - started) * 1000;
        double openApi = (lastOpenApi - firstRequest) * 1000;
        double objectsMs = (lastRequest - lastOpenApi) * 1000;
        notes.add(String.format(Locale.ROOT, "apply -v=6 into %s: wall %.0f ms = %.0f ms to the first answer (process "
                + "start, kubeconfig, manifest read, first OpenAPI request) + %.0f ms more until the last OpenAPI answer "
                + "+ %.0f ms of per-object requests + %.0f ms after the last answer", ns, r.ms, before, openApi,
                objectsMs, r.ms - before - openApi - objectsMs));
        return counts;
    }

    private static double klogSeconds(String line) {
        // I1125 11:30:29.803506 ...
        String[] hms = line.split(" +")[1].split(":");
        return Integer.parseInt(hms[0]) * 3600 + Integer.parseInt(hms[1]) * 60 + Double.parseDouble(hms[2]);
    }

    private double rawCreates(Api api, List<Map<String, Object>> objects, String ns) throws Exception {
        String[] paths = new String[objects.size()];
        byte[][] bodies = new byte[objects.size()][];
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            String kind = (String) o.get("kind");
            String group = "Deployment".equals(kind) ? "/apis/apps/v1" : "/api/v1";
            paths[i] = group + "/namespaces/" + ns + "/" + kind.toLowerCase(Locale.ROOT) + "s";
            Map<String, Object> withNs = new LinkedHashMap<>(o);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) o.get("metadata"));
            meta.put("namespace", ns);
            withNs.put("metadata", meta);
            bodies[i] = json(withNs).getBytes(StandardCharsets.UTF_8);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < paths.length; i++) {
            api.post(paths[i], bodies[i]);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    // ---- objects ----

    static Map<String, Object> namespace(String name) {
        return obj("apiVersion", "v1", "kind", "Namespace", "metadata", obj("name", name));
    }

    static Map<String, Object> pod(String ns, String name) {
        return obj("apiVersion", "v1", "kind", "Pod", "metadata", obj("name", name, "namespace", ns,
                "labels", obj("app", "bench")), "spec", obj("containers", containers()));
    }

    static Map<String, Object> replicaSet(String ns, String name) {
        Map<String, Object> labels = obj("app", "bench-rs");
        return obj("apiVersion", "apps/v1", "kind", "ReplicaSet", "metadata", obj("name", name, "namespace", ns),
                "spec", obj("replicas", 0, "selector", obj("matchLabels", labels),
                        "template", obj("metadata", obj("labels", labels), "spec", obj("containers", containers()))));
    }

    static List<Object> containers() {
        List<Object> containers = new ArrayList<>();
        for (int c = 0; c < CONTAINERS; c++) {
            containers.add(obj("name", "c" + c, "image", "registry.example/bench/app-" + c + ":1.0",
                    "ports", List.of(obj("name", "http", "containerPort", 8000 + c, "protocol", "TCP"),
                            obj("name", "metrics", "containerPort", 9000 + c, "protocol", "TCP")),
                    "env", List.of(obj("name", "MODE", "value", "serve"), obj("name", "LEVEL", "value", "info"),
                            obj("name", "REGION", "value", "r" + c)),
                    "resources", obj("requests", obj("cpu", "100m", "memory", "64Mi"),
                            "limits", obj("cpu", "500m", "memory", "256Mi"))));
        }
        return containers;
    }

    /** 40 ConfigMaps, 30 Secrets, 20 Services, 10 Deployments, without a namespace (kubectl -n gives it). */
    static List<Map<String, Object>> manifestObjects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            objects.add(obj("apiVersion", "v1", "kind", "ConfigMap", "metadata", meta("config-" + i),
                    "data", obj("app.properties", "name=config-" + i + "\nlevel=info\nworkers=4\n",
                            "mode", "serve", "region", "r" + (i % 5))));
        }
        for (int i = 0; i < 30; i++) {
            String user = java.util.Base64.getEncoder().encodeToString(("user-" + i).getBytes(StandardCharsets.UTF_8));
            String pass = java.util.Base64.getEncoder().encodeToString(("secret-" + i + "-pass").getBytes(StandardCharsets.UTF_8));
            objects.add(obj("apiVersion", "v1", "kind", "Secret", "metadata", meta("secret-" + i),
                    "type", "Opaque", "data", obj("username", user, "password", pass)));
        }
        for (int i = 0; i < 20; i++) {
            objects.add(obj("apiVersion", "v1", "kind", "Service", "metadata", meta("svc-" + i),
                    "spec", obj("selector", obj("app", "app-" + (i % 10)),
                            "ports", List.of(obj("name", "http", "port", 80, "targetPort", 8080, "protocol", "TCP")))));
        }
        for (int i = 0; i < 10; i++) {
            Map<String, Object> labels = obj("app", "app-" + i);
            objects.add(obj("apiVersion", "apps/v1", "kind", "Deployment", "metadata", meta("app-" + i),
                    "spec", obj("replicas", 1, "selector", obj("matchLabels", labels),
                            "template", obj("metadata", obj("labels", labels),
                                    "spec", obj("containers", List.of(obj("name", "app",
                                            "image", "registry.example/bench/app-" + i + ":1.0",
                                            "ports", List.of(obj("containerPort", 8080)),
                                            "env", List.of(obj("name", "MODE", "value", "serve")),
                                            "resources", obj("requests", obj("cpu", "50m", "memory", "32Mi")))))))));
        }
        return objects;
    }

    private static Map<String, Object> meta(String name) {
        return obj("name", name, "labels", obj("bench", "kubectl"));
    }

    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(value, out);
        return out.toString();
    }

    private static void writeJson(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote((String) e.getKey(), out);
                out.append(':');
                writeJson(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeJson(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String s) {
            quote(s, out);
        } else {
            out.append(value);
        }
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(ch);
            }
        }
        out.append('"');
    }

    /** Block-style YAML of maps, lists, strings (always double-quoted) and numbers. */
    static final class Yaml {
        static void write(Map<String, Object> map, StringBuilder out) {
            writeMap(map, 0, out);
        }

        private static void writeMap(Map<?, ?> map, int indent, StringBuilder out) {
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                // The first key of a list item sits on the dash's line.
                if (!first || indent < 0) {
                    out.append(" ".repeat(Math.max(indent, 0)));
                }
                first = false;
                out.append(e.getKey()).append(':');
                writeValue(e.getValue(), Math.max(indent, 0), out);
            }
        }

        private static void writeValue(Object v, int indent, StringBuilder out) {
            if (v instanceof Map<?, ?> m) {
                out.append('\n');
                out.append(" ".repeat(indent + 2));
                writeMapAfterFirstIndent(m, indent + 2, out);
            } else if (v instanceof List<?> list) {
                out.append('\n');
                for (Object item : list) {
                    out.append(" ".repeat(indent)).append("- ");
                    if (item instanceof Map<?, ?> m) {
                        writeMapAfterFirstIndent(m, indent + 2, out);
                    } else {
                        scalar(item, out);
                        out.append('\n');
                    }
                }
            } else {
                out.append(' ');
                scalar(v, out);
                out.append('\n');
            }
        }

        private static void writeMapAfterFirstIndent(Map<?, ?> map, int indent, StringBuilder out) {
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(" ".repeat(indent));
                }
                first = false;
                out.append(e.getKey()).append(':');
                writeValue(e.getValue(), indent, out);
            }
        }

        private static void scalar(Object v, StringBuilder out) {
            if (v instanceof String s) {
                quote(s, out);
            } else {
                out.append(v);
            }
        }
    }

    // ---- Kubelix, started and stopped by the launcher ----

    private void start() throws Exception {
        Path tarball = waitForSettledDistribution();
        // A fresh store every run; the unpacked distribution is kept when the tarball did not change.
        deleteTree(home.resolve("data"));
        // The launcher writes KUBELIX_PORT and KUBELIX_SSH_PORT into the distribution only when it unpacks it:
        // forget the unpacked one so this run's free ports are used.
        Files.deleteIfExists(home.resolve("dist/.source"));
        Files.createDirectories(home);
        System.out.printf(Locale.ROOT, "Kubelix under test: %s, API port %s, ssh port %s, home %s%n",
                tarball.getFileName(), env.get("KUBELIX_PORT"), env.get("KUBELIX_SSH_PORT"), home);
        started = true;
        long t0 = System.nanoTime();
        Run up = exec(List.of(repo.resolve("kubelix").toString(), "up"), env);
        Path pidFile = home.resolve("data/karaf.pid");
        if (Files.exists(pidFile)) {
            karafPid = Long.parseLong(Files.readString(pidFile).strip());
        }
        if (up.code != 0) {
            throw new IllegalStateException("./kubelix up failed (exit " + up.code + "):\n" + tail(up.err, 20));
        }
        System.out.printf(Locale.ROOT, "./kubelix up: ready in %.1f s (pid %d)%n", (System.nanoTime() - t0) / 1e9, karafPid);
    }

    /** Other developers' builds rewrite the tarball in place: start once nobody wrote it for 10 s. */
    private Path waitForSettledDistribution() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            Path tarball;
            try (Stream<Path> files = Files.list(repo.resolve("karaf-assembly/target"))) {
                tarball = files.filter(p -> p.getFileName().toString().matches("kubelix-karaf-assembly-.*\\.tar\\.gz"))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                tarball = null;
            }
            if (tarball != null
                    && System.currentTimeMillis() - Files.getLastModifiedTime(tarball).toMillis() > 10_000) {
                return tarball;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no settled distribution in karaf-assembly/target; run ./kubelix build");
            }
            Thread.sleep(2000);
        }
    }

    private synchronized void stopQuietly() {
        if (!started) {
            return;
        }
        started = false;
        try {
            Run down = exec(List.of(repo.resolve("kubelix").toString(), "down"), env);
            if (down.code != 0) {
                System.err.println("./kubelix down: " + tail(down.err, 5));
            }
        } catch (Exception e) {
            System.err.println("./kubelix down failed: " + e);
        }
        if (karafPid > 0) {
            ProcessHandle.of(karafPid).ifPresent(p -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
        }
    }

    // ---- helpers ----

    record Run(int code, String out, String err, double ms, long startedEpochMs) {
    }

    private static Run exec(List<String> command, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (extraEnv != null) {
            pb.environment().putAll(extraEnv);
        }
        Path out = Files.createTempFile("kubectl-bench", ".out");
        Path err = Files.createTempFile("kubectl-bench", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            long startedEpochMs = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 5 minutes");
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err), ms, startedEpochMs);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void addLatencyRows(String what, double[] latencies) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        rows.add(new String[] {what + ", " + latencies.length + " after " + patchWarmup + " warm-up",
                String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms", percentile(sorted, 50),
                        percentile(sorted, 90), percentile(sorted, 99)),
                String.format(Locale.ROOT, "max %.1f ms", sorted[sorted.length - 1]), ""});
    }

    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String runs(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).reduce((a, b) -> a + ", " + b)
                .orElse("") + " ms";
    }

    private void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| measure | result | runs | target |\n|---|---|---|---|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append('\n');
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        System.out.println();
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-" + width + "s  %-40s  %s  %s%n", r[0], r[1], r[2], r[3]);
        }
        notes.forEach(n -> System.out.println("  " + n));
        Path out = repo.resolve("itests/target/bench-kubectl-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println("wrote " + out);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private String gitCommit() {
        try {
            return exec(List.of("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD"), null).out.strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One HTTP/1.1 client, so every request after the first reuses one kept-alive TLS connection. */
    static final class Api {
        private final HttpClient client;
        private final String base;
        private final String authorization;

        Api(String base, Path caCertificate, String token) throws Exception {
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(caCertificate)).connectTimeout(Duration.ofSeconds(5)).build();
            this.base = base;
            this.authorization = "Bearer " + token;
        }

        void post(String path, String body) throws Exception {
            post(path, body.getBytes(StandardCharsets.UTF_8));
        }

        void post(String path, byte[] body) throws Exception {
            expect(201, "POST " + path, send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))));
        }

        void patch(String path, String contentType, byte[] body) throws Exception {
            expect(200, "PATCH " + path, send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", contentType).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))));
        }

        byte[] get(String path) throws Exception {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
            expect(200, "GET " + path, r);
            return r.body();
        }

        private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.header("Authorization", authorization).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private static void expect(int status, String what, HttpResponse<byte[]> r) {
            if (r.statusCode() != status) {
                String body = new String(r.body(), StandardCharsets.UTF_8);
                throw new IllegalStateException(what + " answered HTTP " + r.statusCode() + ": "
                        + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
            }
        }

        private static SSLContext trusting(Path caCertificate) throws Exception {
            try (InputStream in = Files.newInputStream(caCertificate)) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                return context;
            }
        }
    }
}
