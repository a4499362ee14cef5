package io.kubelix.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubelix started through the {@code kubelix} launcher, with its own home directory and a
 * free port, so tests never touch a user's running instance. One instance is shared by all tests
 * of a run (started on first use, stopped when the JVM exits); tests that restart or kill it get a
 * separate instance.
 */
public final class KubelixInstance {
    /**
     * How often the shared instance compacts its store history (seconds). Short, so that a test can
     * see a watch from a compacted resourceVersion answered with 410 without waiting for the
     * 5-minute default; still far longer than any list or watch a test keeps open.
     */
    public static final int SHARED_COMPACTION_SECONDS = Integer.getInteger("kubelix.it.compactionSeconds", 10);

    private static KubelixInstance shared;
    private static Exception sharedFailure;

    private final Path home;
    private final int port;
    private final int sshPort;
    private final Map<String, String> environment;
    private Path kubeconfig;
    private ApiClient api;

    private KubelixInstance(Path home, int port, Map<String, String> environment) throws IOException {
        this.home = home;
        this.port = port;
        this.sshPort = port == 0 ? 0 : freePort();
        this.environment = environment;
    }

    /** The instance shared by the tests of this run, started on first use. */
    public static synchronized KubelixInstance shared() throws Exception {
        if (sharedFailure != null) {
            // Starting once is enough to know: do not make every test class wait for it again.
            throw new IllegalStateException("the shared Kubelix did not start", sharedFailure);
        }
        if (shared == null) {
            // Karaf lets a system property <pid>.<key> override a key of etc/<pid>.cfg.
            KubelixInstance instance = create("shared", Map.of("KUBELIX_JAVA_OPTS",
                    "-Dio.kubelix.store.embedded.compactionIntervalSeconds=" + SHARED_COMPACTION_SECONDS));
            // Stop it when the test JVM exits, quickly: failsafe gives the JVM only seconds to exit.
            Runtime.getRuntime().addShutdownHook(new Thread(instance::terminate));
            try {
                instance.up();
            } catch (Exception e) {
                sharedFailure = e;
                throw e;
            }
            shared = instance;
        }
        return shared;
    }

    /** A fresh instance with an empty data directory; the caller starts and stops it. */
    public static KubelixInstance create(String name) throws IOException {
        return create(name, Map.of());
    }

    /** A fresh instance whose launcher runs with extra environment variables (such as KUBELIX_JAVA_OPTS). */
    public static KubelixInstance create(String name, Map<String, String> environment) throws IOException {
        Path work = Path.of(System.getProperty("kubelix.work", "target/it-work")).toAbsolutePath();
        Path home = work.resolve(name);
        if (Files.exists(home)) {
            // A run that was killed may have left its Karaf running on this home: stop that one first.
            new KubelixInstance(home, 0, Map.of()).terminate();
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(home);
        return new KubelixInstance(home, freePort(), Map.copyOf(environment));
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    public String url() {
        return "https://127.0.0.1:" + port;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The admin bearer token from the instance's PKI directory. */
    public String token() throws IOException {
        return Files.readString(home.resolve("data/kubelix/pki/admin.token")).trim();
    }

    /** The cluster CA certificate that signed the serving certificate. */
    public Path caCertificate() {
        return home.resolve("data/kubelix/pki/ca.crt");
    }

    /** Raw HTTPS access with the admin token (valid across restarts: the PKI is kept in the data directory). */
    public synchronized ApiClient api() throws Exception {
        if (api == null) {
            api = new ApiClient(url(), caCertificate(), token());
        }
        return api;
    }

    /** Starts Kubelix and waits until it is ready. */
    public void up() throws Exception {
        // Karaf refuses to start when its log directory (KARAF_LOG, under the data directory) is missing.
        Files.createDirectories(home.resolve("data/log"));
        Result r = launcher(Duration.ofMinutes(5), "up");
        for (int retry = 0; retry < 2 && r.code() != 0 && failedWhileBuilding(r); retry++) {
            // "up" rebuilds the distribution when a source is newer than it; while others build in the
            // same tree at the same time that build can fail for reasons that are not Kubelix's.
            Thread.sleep(15_000);
            r = launcher(Duration.ofMinutes(5), "up");
        }
        if (r.code() != 0) {
            throw new IllegalStateException("./kubelix up failed (" + r.code() + "):\n" + r.output() + "\nlog:\n"
                    + logTail());
        }
        // The launcher's build step may leave Maven's ANSI colour codes on stdout in front of the path.
        String[] lines = r.stdout().replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").strip().split("\n");
        kubeconfig = Path.of(lines[lines.length - 1].strip());
        if (!Files.isRegularFile(kubeconfig)) {
            throw new IllegalStateException("./kubelix up did not end with the kubeconfig path:\n" + r.output());
        }
    }

    private static boolean failedWhileBuilding(Result r) {
        String out = r.output();
        return out.contains("building the distribution") && !out.contains("starting Kubelix");
    }

    public void down() throws Exception {
        launcher(Duration.ofMinutes(1), "down");
    }

    /** The pid of the running Karaf, if any. */
    public java.util.Optional<ProcessHandle> process() {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("data/karaf.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Asks the Karaf of this home to stop (SIGTERM) and waits briefly; for shutdown hooks and leftovers. */
    void terminate() {
        process().ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    /** Kills the JVM with SIGKILL: no shutdown hooks, no flushing. */
    public void killHard() throws Exception {
        Path pidFile = home.resolve("data/karaf.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        handle.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Runs the launcher with this instance's home and port. */
    public Result launcher(Duration timeout, String... args) throws Exception {
        Path repo = Path.of(System.getProperty("kubelix.repo", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("kubelix").toString());
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("KUBELIX_HOME", home.toString());
        env.put("KUBELIX_PORT", Integer.toString(port));
        // Each instance has its own console port: the shared instance, a test's own and a user's never collide.
        env.put("KUBELIX_SSH_PORT", Integer.toString(sshPort));
        // The build under test is the one the reactor just made; the launcher must not build again.
        env.put("KUBELIX_NO_BUILD", "1");
        return Result.run(command, env, null, timeout);
    }

    /** Runs kubectl against this instance. */
    public Result kubectl(String... args) throws Exception {
        return kubectlWithInput(null, args);
    }

    public Result kubectlWithInput(String stdin, String... args) throws Exception {
        return Result.run(kubectlCommand(args), Map.of(), stdin, Duration.ofSeconds(60));
    }

    /** Starts kubectl without waiting for it (for {@code get -w}); the caller destroys it. */
    public Process kubectlProcess(String... args) throws IOException {
        return new ProcessBuilder(kubectlCommand(args)).start();
    }

    private List<String> kubectlCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.add("--kubeconfig=" + kubeconfig);
        // A discovery cache of this instance only: a port reused from an earlier run must not see stale discovery.
        command.add("--cache-dir=" + home.resolve("kubectl-cache"));
        command.addAll(List.of(args));
        return command;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
