package io.kubelix.itests.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The API benchmark of a whole single-node Kubelix: boot time to {@code /readyz}, resident memory,
 * sequential pod creates, LIST of 1,000 pods and watch delivery latency, all against a real Karaf
 * started from the built distribution with the launcher's JVM settings, in a home directory and on
 * ports of its own (a developer's instance on 6443 is never touched).
 *
 * <p>Uses the JDK only, so it also runs as a single source file:
 * {@code java itests/src/test/java/io/kubelix/itests/bench/ApiBenchmark.java} from the repository.
 * Prints a plain-text table and writes {@code bench-results.json} and {@code bench-results.md}
 * (a fragment for docs/benchmarks.md) to {@code itests/target/}. The instance it starts is stopped
 * on success, on failure and on Ctrl-C.
 *
 * <p>Settings (system properties): {@code kubelix.repo} (default: the working directory or its
 * parent), {@code bench.home}, {@code bench.out}, {@code bench.bootRuns} (3),
 * {@code bench.warmupCreates} (200), {@code bench.creates} (1000), {@code bench.listWarmup} (10),
 * {@code bench.lists} (50), {@code bench.watchWarmup} (50), {@code bench.watchEvents} (300),
 * {@code bench.idleSeconds} (10), {@code bench.jfr} (a file: record a JFR profile of the Kubelix
 * JVM over the create, list and watch phases), {@code bench.javaOpts} (extra JVM flags for Kubelix),
 * {@code bench.waitForQuietSeconds} (before each phase, wait for other processes to leave the cores idle,
 * that many seconds in all at most),
 * {@code bench.bootTimeoutSeconds} (60: a start not ready by then counts as hung and is tried again),
 * {@code bench.distribution} (the tarball to test; default: the one in karaf-assembly/target).
 */
public final class ApiBenchmark {
    private static final String NAMESPACE = "bench";
    private static final String WARMUP_NAMESPACE = "bench-warmup";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final String KARAF_MAIN = "org.apache.karaf.main.Main";

    // The targets, checked in the results.
    private static final double TARGET_BOOT_MS = 5000;
    private static final double TARGET_IDLE_RSS_MB = 300;
    private static final double TARGET_CREATE_P99_MS = 3;
    private static final double TARGET_LIST_P50_MS = 15;
    private static final double TARGET_WATCH_P50_MS = 2;

    private final Settings settings;
    private final Results results = new Results();
    private final long clockTicksPerSecond = clockTicks();
    private long quietWaitNanos;

    private ApiBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.fromSystemProperties();
        } catch (IllegalStateException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code = new ApiBenchmark(settings).run();
        System.exit(code);
    }

    private int run() {
        KarafInstance instance = new KarafInstance(settings);
        Thread stopOnExit = new Thread(instance::stopQuietly, "stop-kubelix-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        long started = System.nanoTime();
        try {
            describeMachine();
            instance.install();
            measureBoots(instance);
            measureIdleMemory(instance);
            Api api = new Api(instance.url(), instance.caCertificate(), instance.token());
            Optional<Path> jfr = startRecording(instance);
            measureCreates(api, instance);
            measureLists(api, instance);
            measureWatch(api, instance);
            jfr.ifPresent(file -> stopRecording(instance, file));
            measureRestartWithData(instance);
        } catch (Exception e) {
            System.err.println();
            System.err.println("benchmark FAILED: " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                System.err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            if (instance.wasStarted()) {
                System.err.println("Kubelix log tail (" + instance.logFile() + "):");
                System.err.println(instance.logTail(30));
            }
            return 1;
        } finally {
            instance.stopQuietly();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException ignored) {
                // Already exiting: the hook runs anyway.
            }
        }
        results.put("run.seconds", round1((System.nanoTime() - started) / 1e9));
        results.put("run.secondsWaitingForQuiet", round1(quietWaitNanos / 1e9));
        results.put("load.loadavgAtEnd", loadAverage());
        try {
            report();
        } catch (IOException e) {
            System.err.println("benchmark: could not write the results: " + e);
            return 1;
        }
        return 0;
    }

    // ---- phases ----

    private void describeMachine() throws IOException {
        results.put("machine.cores", Runtime.getRuntime().availableProcessors());
        results.put("machine.memTotalGiB", round1(meminfoKb("MemTotal") / 1024.0 / 1024.0));
        results.put("machine.kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        results.put("machine.java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        results.put("run.date", ZonedDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        results.put("run.commit", gitCommit());
        results.put("run.distribution", settings.tarball.getFileName().toString());
        results.put("run.distributionStale", settings.distributionIsStale());
        results.put("load.loadavgAtStart", loadAverage());
        System.out.printf(Locale.ROOT, "Kubelix API benchmark  %s  commit %s%n", results.get("run.date"), results.get("run.commit"));
        System.out.printf(Locale.ROOT, "machine: %s cores, %s GiB, kernel %s, %s; load average %s%n",
                results.get("machine.cores"), results.get("machine.memTotalGiB"), results.get("machine.kernel"),
                results.get("machine.java"), results.get("load.loadavgAtStart"));
        if (settings.distributionIsStale()) {
            System.out.println("WARNING: sources are newer than " + settings.tarball
                    + "; rebuild (mvn -B -q -o install -DskipTests) to measure the current code");
        }
    }

    private void measureBoots(KarafInstance instance) throws Exception {
        List<Double> firstBoots = new ArrayList<>();
        List<Double> bootCpu = new ArrayList<>();
        List<Double> firstOthers = new ArrayList<>();
        List<Double> restartOthers = new ArrayList<>();
        int[] hung = new int[1];
        int[] attempts = new int[1];
        for (int i = 0; i < settings.bootRuns; i++) {
            Boot boot = bootRetryingHangs(instance, true, "first boot " + (i + 1), hung, attempts);
            firstBoots.add(boot.readyMillis);
            bootCpu.add(boot.cpuMillis);
            firstOthers.add(boot.otherCores);
            results.put("boot.firstCpuByThread", boot.cpuByThread);
            instance.stop();
        }
        results.put("boot.firstHung", hung[0]);
        results.put("boot.firstAttempts", attempts[0]);
        hung[0] = 0;
        attempts[0] = 0;
        List<Double> restarts = new ArrayList<>();
        for (int i = 0; i < settings.bootRuns; i++) {
            Boot boot = bootRetryingHangs(instance, false, "restart " + (i + 1), hung, attempts);
            restarts.add(boot.readyMillis);
            restartOthers.add(boot.otherCores);
            results.put("boot.restartCpuByThread", boot.cpuByThread);
            if (i < settings.bootRuns - 1) {
                instance.stop();
            }
        }
        // The last restart stays up for the API phases.
        results.put("boot.restartHung", hung[0]);
        results.put("boot.restartAttempts", attempts[0]);
        results.put("boot.firstMedianMs", round0(Stats.median(firstBoots)));
        results.put("boot.firstRunsMs", firstBoots.stream().map(Math::round).toList());
        results.put("boot.firstCpuMedianMs", round0(Stats.median(bootCpu)));
        results.put("boot.restartMedianMs", round0(Stats.median(restarts)));
        results.put("boot.restartRunsMs", restarts.stream().map(Math::round).toList());
        results.put("load.otherCoresDuringFirstBoots", firstOthers);
        results.put("load.otherCoresDuringRestarts", restartOthers);
        results.put("run.jvmOptions", instance.describeJvmOptions());
    }

    /**
     * One boot; a boot that never gets ready is counted, its threads dumped, the JVM killed, and the boot
     * tried again (twice at most): the hang is a finding, the other figures are still worth having.
     */
    private Boot bootRetryingHangs(KarafInstance instance, boolean emptyData, String label, int[] hung, int[] attempts)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            if (emptyData) {
                instance.wipeData();
            }
            attempts[0]++;
            waitForQuiet(instance, label);
            try {
                Boot boot = instance.start();
                System.out.printf(Locale.ROOT, "%s: %s%n", label, boot.describe());
                return boot;
            } catch (BootHang e) {
                hung[0]++;
                System.out.printf(Locale.ROOT, "%s: HUNG (%s); killed%s%n", label, e.getMessage(),
                        attempt < 3 ? ", trying again" : "");
                instance.kill();
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A start that did not answer ready in time while its JVM kept running. */
    static final class BootHang extends TimeoutException {
        private static final long serialVersionUID = 1L;

        BootHang(String message) {
            super(message);
        }
    }

    private void measureIdleMemory(KarafInstance instance) throws Exception {
        Thread.sleep(settings.idleSeconds * 1000L);
        Memory idle = Memory.of(instance.javaPid());
        results.put("rss.idleMb", round1(idle.rssMb()));
        results.put("rss.idleAnonMb", round1(idle.anonMb()));
        System.out.printf(Locale.ROOT, "RSS %d s after boot: %.1f MB (anonymous %.1f MB)%n", settings.idleSeconds,
                idle.rssMb(), idle.anonMb());
    }

    private void measureCreates(Api api, KarafInstance instance) throws Exception {
        waitForQuiet(instance, "creates");
        api.createNamespace(NAMESPACE);
        api.createNamespace(WARMUP_NAMESPACE);
        String sample = PodTemplate.pod(NAMESPACE, 0);
        results.put("create.requestBytes", sample.getBytes(StandardCharsets.UTF_8).length);

        // Warm-up pods go to a namespace of their own, so the measured namespace holds exactly the LIST's pods.
        for (int i = 0; i < settings.warmupCreates; i++) {
            api.create(WARMUP_NAMESPACE, "pods", PodTemplate.pod(WARMUP_NAMESPACE, i));
        }
        byte[][] bodies = new byte[settings.creates][];
        for (int i = 0; i < settings.creates; i++) {
            bodies[i] = PodTemplate.pod(NAMESPACE, i).getBytes(StandardCharsets.UTF_8);
        }
        double[] latencies = new double[settings.creates];
        long cpuBefore = ProcessCpu.ticks(instance.javaPid());
        Map<String, Long> threadsBefore = ThreadCpu.byThread(instance.javaPid());
        SystemCpu machineBefore = SystemCpu.read(instance.cpuTicksAllRuns(), clockTicksPerSecond);
        long loopStart = System.nanoTime();
        for (int i = 0; i < settings.creates; i++) {
            long t0 = System.nanoTime();
            api.create(NAMESPACE, "pods", bodies[i]);
            latencies[i] = (System.nanoTime() - t0) / 1e6;
        }
        double loopSeconds = (System.nanoTime() - loopStart) / 1e9;
        results.put("load.otherCoresDuringCreates", round2(SystemCpu.read(instance.cpuTicksAllRuns(),
                clockTicksPerSecond).otherCoresSince(machineBefore)));
        long cpuTicks = ProcessCpu.ticks(instance.javaPid()) - cpuBefore;
        String byThread = ThreadCpu.top(threadsBefore, ThreadCpu.byThread(instance.javaPid()), 6, clockTicksPerSecond);
        System.out.printf(Locale.ROOT, "%d pod creates in %.1f s; Kubelix CPU by thread: %s%n", settings.creates,
                loopSeconds, byThread);
        Stats stats = Stats.of(latencies);
        results.put("create.count", settings.creates);
        results.put("create.serverCpuByThread", byThread);
        results.put("create.p50Ms", round2(stats.percentile(50)));
        results.put("create.p90Ms", round2(stats.percentile(90)));
        results.put("create.p99Ms", round2(stats.percentile(99)));
        results.put("create.maxMs", round2(stats.max()));
        results.put("create.perSecond", round0(settings.creates / loopSeconds));
        results.put("create.serverCpuMsPerCreate", round2(cpuTicks * 1000.0 / clockTicksPerSecond / settings.creates));
        results.put("create.storedBytes", api.get("/api/v1/namespaces/" + NAMESPACE + "/pods/"
                + PodTemplate.name(0)).length);

        Memory after = Memory.of(instance.javaPid());
        results.put("rss.afterPodsMb", round1(after.rssMb()));
        results.put("rss.afterPodsAnonMb", round1(after.anonMb()));
        results.put("rss.podsStored", settings.creates + settings.warmupCreates);
    }

    private void measureLists(Api api, KarafInstance instance) throws Exception {
        String path = "/api/v1/namespaces/" + NAMESPACE + "/pods";
        for (String variant : List.of("", "?resourceVersion=0")) {
            waitForQuiet(instance, "LIST" + variant);
            byte[] first = api.get(path + variant);
            int items = PodTemplate.countPods(first);
            if (items != settings.creates) {
                throw new IllegalStateException("LIST " + path + variant + " returned " + items + " pods, expected "
                        + settings.creates);
            }
            for (int i = 1; i < settings.listWarmup; i++) {
                api.get(path + variant);
            }
            double[] latencies = new double[settings.lists];
            long cpuBefore = ProcessCpu.ticks(instance.javaPid());
            Map<String, Long> threadsBefore = ThreadCpu.byThread(instance.javaPid());
            SystemCpu machineBefore = SystemCpu.read(instance.cpuTicksAllRuns(), clockTicksPerSecond);
            for (int i = 0; i < settings.lists; i++) {
                long t0 = System.nanoTime();
                api.get(path + variant);
                latencies[i] = (System.nanoTime() - t0) / 1e6;
            }
            long cpuTicks = ProcessCpu.ticks(instance.javaPid()) - cpuBefore;
            String byThread = ThreadCpu.top(threadsBefore, ThreadCpu.byThread(instance.javaPid()), 6,
                    clockTicksPerSecond);
            System.out.printf(Locale.ROOT, "%d LISTs%s; Kubelix CPU by thread: %s%n", settings.lists, variant, byThread);
            String key = variant.isEmpty() ? "list" : "listRv0";
            results.put("load.otherCoresDuring" + (variant.isEmpty() ? "Lists" : "ListsRv0"), round2(SystemCpu.read(
                    instance.cpuTicksAllRuns(), clockTicksPerSecond).otherCoresSince(machineBefore)));
            Stats stats = Stats.of(latencies);
            results.put(key + ".serverCpuByThread", byThread);
            results.put(key + ".p50Ms", round2(stats.percentile(50)));
            results.put(key + ".p99Ms", round2(stats.percentile(99)));
            results.put(key + ".maxMs", round2(stats.max()));
            results.put(key + ".responseBytes", first.length);
            results.put(key + ".serverCpuMsPerList", round2(cpuTicks * 1000.0 / clockTicksPerSecond / settings.lists));
        }
        Memory after = Memory.of(instance.javaPid());
        results.put("rss.afterListsMb", round1(after.rssMb()));
    }

    private void measureWatch(Api api, KarafInstance instance) throws Exception {
        waitForQuiet(instance, "watch");
        String collection = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
        String listRv = PodTemplate.listResourceVersion(api.get(collection));
        try (WatchStream watch = WatchStream.open(instance.url(), instance.caCertificate(), instance.token(),
                collection + "?watch=true&resourceVersion=" + listRv)) {
            int total = settings.watchWarmup + settings.watchEvents;
            SystemCpu machineBefore = null;
            double[] latencies = new double[settings.watchEvents];
            double[] creates = new double[settings.watchEvents];
            for (int i = 0; i < total; i++) {
                if (i == settings.watchWarmup) {
                    machineBefore = SystemCpu.read(instance.cpuTicksAllRuns(), clockTicksPerSecond);
                }
                String name = PodTemplate.configMapName(i);
                byte[] body = PodTemplate.configMap(NAMESPACE, name).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                api.create(NAMESPACE, "configmaps", body);
                long created = System.nanoTime();
                long arrived = watch.awaitAdded(name, Duration.ofSeconds(10));
                if (i >= settings.watchWarmup) {
                    latencies[i - settings.watchWarmup] = (arrived - t0) / 1e6;
                    creates[i - settings.watchWarmup] = (created - t0) / 1e6;
                }
            }
            results.put("load.otherCoresDuringWatch", round2(SystemCpu.read(instance.cpuTicksAllRuns(),
                    clockTicksPerSecond).otherCoresSince(machineBefore)));
            Stats stats = Stats.of(latencies);
            results.put("watch.count", settings.watchEvents);
            results.put("watch.p50Ms", round2(stats.percentile(50)));
            results.put("watch.p99Ms", round2(stats.percentile(99)));
            results.put("watch.maxMs", round2(stats.max()));
            results.put("watch.createP50Ms", round2(Stats.of(creates).percentile(50)));
        }
    }

    private void measureRestartWithData(KarafInstance instance) throws Exception {
        instance.stop();
        waitForQuiet(instance, "restart with pods");
        Boot boot = instance.start();
        results.put("boot.restartWithPodsMs", round0(boot.readyMillis));
        System.out.printf(Locale.ROOT, "restart with %d pods stored: %s%n",
                settings.creates + settings.warmupCreates, boot.describe());
    }

    private Optional<Path> startRecording(KarafInstance instance) {
        if (settings.jfr == null) {
            return Optional.empty();
        }
        jcmd(instance.javaPid(), "JFR.start", "name=kubelix-bench", "settings=profile",
                "filename=" + settings.jfr.toAbsolutePath());
        return Optional.of(settings.jfr);
    }

    private void stopRecording(KarafInstance instance, Path file) {
        jcmd(instance.javaPid(), "JFR.stop", "name=kubelix-bench");
        System.out.println("JFR recording of the API phases: " + file.toAbsolutePath());
    }

    private static void jcmd(long pid, String... args) {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                System.err.println("jcmd " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            System.err.println("jcmd is not available (" + e.getMessage() + "); no JFR recording");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * With bench.waitForQuietSeconds: before each measured phase, waits until other processes leave the
     * cores idle (below a quarter of a core over 2 s), spending that many seconds in all at most.
     */
    private void waitForQuiet(KarafInstance instance, String phase) throws Exception {
        if (settings.waitForQuietSeconds == 0) {
            return;
        }
        boolean told = false;
        while (true) {
            long t0 = System.nanoTime();
            SystemCpu before = SystemCpu.read(instance.cpuTicksAllRuns(), clockTicksPerSecond);
            Thread.sleep(2000);
            double busy = SystemCpu.read(instance.cpuTicksAllRuns(), clockTicksPerSecond).otherCoresSince(before);
            quietWaitNanos += System.nanoTime() - t0;
            if (busy < 0.25) {
                return;
            }
            if (quietWaitNanos > TimeUnit.SECONDS.toNanos(settings.waitForQuietSeconds)) {
                System.out.printf(Locale.ROOT, "%s: the machine is still busy (%.2f cores in use); measuring anyway%n",
                        phase, busy);
                return;
            }
            if (!told) {
                System.out.printf(Locale.ROOT, "%s: waiting for other processes to settle (%.2f cores in use)%n",
                        phase, busy);
                told = true;
            }
        }
    }

    // ---- reporting ----

    private void report() throws IOException {
        String pods = String.format(Locale.ROOT, "%,d", settings.creates);
        String stored = String.format(Locale.ROOT, "%,d", settings.creates + settings.warmupCreates);
        List<String[]> rows = new ArrayList<>();
        rows.add(row("boot to /readyz ok, first boot (median)", ms("boot.firstMedianMs") + " (runs " + results.get("boot.firstRunsMs") + ")",
                "2.6-3.7 s", "<= 5 s", met(num("boot.firstMedianMs") <= TARGET_BOOT_MS)));
        rows.add(row("boot to /readyz ok, restart (median)", ms("boot.restartMedianMs") + " (runs " + results.get("boot.restartRunsMs") + ")",
                "2.6-3.7 s", "<= 5 s", met(num("boot.restartMedianMs") <= TARGET_BOOT_MS)));
        rows.add(row("boot to /readyz ok, restart with " + stored + " pods stored",
                ms("boot.restartWithPodsMs"), "", "<= 5 s", met(num("boot.restartWithPodsMs") <= TARGET_BOOT_MS)));
        rows.add(row("boots that hung (never ready, killed)", results.get("boot.firstHung") + " of "
                + results.get("boot.firstAttempts") + " first boots, " + results.get("boot.restartHung") + " of "
                + results.get("boot.restartAttempts") + " restarts", "", "0", met(num("boot.firstHung") == 0
                && num("boot.restartHung") == 0)));
        rows.add(row("RSS idle (" + settings.idleSeconds + " s after boot)", results.get("rss.idleMb") + " MB",
                "250 MB + 45 MB etcd", "<= 300 MB", met(num("rss.idleMb") <= TARGET_IDLE_RSS_MB)));
        rows.add(row("RSS with " + stored + " pods stored", results.get("rss.afterPodsMb")
                + " MB (after the LISTs: " + results.get("rss.afterListsMb") + " MB)", "340-420 MB (2,000 pods)", "", ""));
        rows.add(row("pod create p50 (" + pods + " sequential)", ms("create.p50Ms"), "1.35-1.76 ms", "", ""));
        rows.add(row("pod create p90", ms("create.p90Ms"), "", "", ""));
        rows.add(row("pod create p99", ms("create.p99Ms"), "2.9-4.5 ms", "<= 3 ms",
                met(num("create.p99Ms") <= TARGET_CREATE_P99_MS)));
        rows.add(row("pod create max", ms("create.maxMs"), "", "", ""));
        rows.add(row("pod creates per second", String.valueOf(results.get("create.perSecond")), "530-690/s", "", ""));
        rows.add(row("LIST " + pods + " pods p50", ms("list.p50Ms"), "15-22 ms", "<= 15 ms",
                met(num("list.p50Ms") <= TARGET_LIST_P50_MS)));
        rows.add(row("LIST " + pods + " pods p99", ms("list.p99Ms"), "", "", ""));
        rows.add(row("LIST " + pods + " pods ?resourceVersion=0 p50", ms("listRv0.p50Ms"), "14-15 ms", "<= 15 ms",
                met(num("listRv0.p50Ms") <= TARGET_LIST_P50_MS)));
        rows.add(row("LIST " + pods + " pods ?resourceVersion=0 p99", ms("listRv0.p99Ms"), "", "", ""));
        rows.add(row("LIST response size", kib(num("list.responseBytes")), "1.6 MB", "", ""));
        rows.add(row("watch: create sent to ADDED read, p50 (" + settings.watchEvents + ")", ms("watch.p50Ms"), "2.1-2.4 ms", "<= 2 ms",
                met(num("watch.p50Ms") <= TARGET_WATCH_P50_MS)));
        rows.add(row("watch: create sent to ADDED read, p99", ms("watch.p99Ms"), "3.5-7.4 ms", "", ""));

        String[] header = {"measure", "Kubelix", "Kubernetes 1.24 + etcd (reference)", "target", "verdict"};
        System.out.println();
        System.out.println(textTable(header, rows));
        System.out.printf(Locale.ROOT, "pod request %s bytes, stored pod %s bytes; Kubelix CPU per create %s ms, per LIST %s ms (rv=0: %s ms)%n",
                results.get("create.requestBytes"), results.get("create.storedBytes"),
                results.get("create.serverCpuMsPerCreate"), results.get("list.serverCpuMsPerList"),
                results.get("listRv0.serverCpuMsPerList"));
        System.out.println(loadSummary());

        Files.createDirectories(settings.out);
        Path json = settings.out.resolve("bench-results.json");
        Path markdown = settings.out.resolve("bench-results.md");
        Files.writeString(json, results.toJson());
        Files.writeString(markdown, markdownFragment(header, rows));
        System.out.println("results: " + json + " and " + markdown);
    }

    /** How busy other processes kept the machine while each figure was measured. */
    private String loadSummary() {
        return "Load average " + results.get("load.loadavgAtStart") + " at the start, " + results.get("load.loadavgAtEnd")
                + " at the end. Other processes' CPU while measuring (cores, of " + results.get("machine.cores")
                + "): first boots " + results.get("load.otherCoresDuringFirstBoots") + ", restarts "
                + results.get("load.otherCoresDuringRestarts") + ", creates " + results.get("load.otherCoresDuringCreates")
                + ", LIST " + results.get("load.otherCoresDuringLists") + ", LIST resourceVersion=0 "
                + results.get("load.otherCoresDuringListsRv0") + ", watch " + results.get("load.otherCoresDuringWatch")
                + ".";
    }

    private String markdownFragment(String[] header, List<String[]> rows) {
        StringBuilder md = new StringBuilder();
        md.append("<!-- written by io.kubelix.itests.bench.ApiBenchmark -->\n");
        md.append("Run ").append(results.get("run.date")).append(", commit `").append(results.get("run.commit"))
                .append("`, ").append(results.get("machine.cores")).append(" cores, ")
                .append(results.get("machine.memTotalGiB")).append(" GiB, kernel ").append(results.get("machine.kernel"))
                .append(", ").append(results.get("machine.java")).append(".\n");
        md.append(loadSummary()).append("\n\n");
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.length)).append("\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\nPod request ").append(results.get("create.requestBytes")).append(" bytes, stored pod ")
                .append(results.get("create.storedBytes")).append(" bytes. Kubelix JVM CPU per create ")
                .append(results.get("create.serverCpuMsPerCreate")).append(" ms, per LIST ")
                .append(results.get("list.serverCpuMsPerList")).append(" ms (resourceVersion=0: ")
                .append(results.get("listRv0.serverCpuMsPerList")).append(" ms). JVM options: `")
                .append(results.get("run.jvmOptions")).append("`.\n");
        md.append("\nKubelix JVM CPU by thread (pools summed): last first boot: ")
                .append(results.get("boot.firstCpuByThread")).append("; last restart: ")
                .append(results.get("boot.restartCpuByThread")).append("; ").append(settings.creates)
                .append(" creates: ").append(results.get("create.serverCpuByThread")).append("; ")
                .append(settings.lists).append(" LISTs: ").append(results.get("list.serverCpuByThread")).append(".\n");
        return md.toString();
    }

    private static String textTable(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < all.size(); n++) {
            String[] r = all.get(n);
            for (int i = 0; i < r.length; i++) {
                out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", r[i]));
                out.append(i < r.length - 1 ? "  " : "");
            }
            out.append('\n');
            if (n == 0) {
                out.append("-".repeat(Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
            }
        }
        return out.toString();
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private String ms(String key) {
        return results.get(key) + " ms";
    }

    private static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
    }

    private double num(String key) {
        Object v = results.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    // ---- small helpers ----

    private static double round0(double v) {
        return Math.round(v);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long meminfoKb(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "-C", settings.repo.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static SSLContext trusting(Path caCertificate) throws IOException {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IOException("no certificate in " + caCertificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read the CA certificate " + caCertificate + ": " + e.getMessage(), e);
        }
    }

    static HttpClient httpClient(SSLContext tls) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    // ---- parts ----

    /** Where things are and how much to do. */
    static final class Settings {
        final Path repo;
        final Path tarball;
        final Path launcher;
        final Path home;
        final Path out;
        final int bootRuns;
        final int warmupCreates;
        final int creates;
        final int listWarmup;
        final int lists;
        final int watchWarmup;
        final int watchEvents;
        final int idleSeconds;
        final Path jfr;
        final int waitForQuietSeconds;
        final int bootTimeoutSeconds;
        final String extraJavaOpts;

        private Settings(Path repo, Path tarball) {
            this.repo = repo;
            this.tarball = tarball;
            this.launcher = repo.resolve("kubelix");
            this.home = Path.of(System.getProperty("bench.home", repo.resolve("itests/target/bench-home").toString()))
                    .toAbsolutePath().normalize();
            this.out = Path.of(System.getProperty("bench.out", repo.resolve("itests/target").toString()))
                    .toAbsolutePath().normalize();
            this.bootRuns = positive("bench.bootRuns", 3);
            this.warmupCreates = positive("bench.warmupCreates", 200);
            this.creates = positive("bench.creates", 1000);
            this.listWarmup = positive("bench.listWarmup", 10);
            this.lists = positive("bench.lists", 50);
            this.watchWarmup = positive("bench.watchWarmup", 50);
            this.watchEvents = positive("bench.watchEvents", 300);
            this.idleSeconds = positive("bench.idleSeconds", 10);
            this.bootTimeoutSeconds = positive("bench.bootTimeoutSeconds", 60);
            String jfrFile = System.getProperty("bench.jfr");
            this.jfr = jfrFile == null || jfrFile.isBlank() ? null : Path.of(jfrFile);
            this.extraJavaOpts = System.getProperty("bench.javaOpts", "");
            this.waitForQuietSeconds = System.getProperty("bench.waitForQuietSeconds") == null ? 0
                    : positive("bench.waitForQuietSeconds", 0);
        }

        static Settings fromSystemProperties() {
            Path repo = findRepo();
            Path targetDir = repo.resolve("karaf-assembly/target");
            Path tarball;
            String chosen = System.getProperty("bench.distribution");
            if (chosen != null) {
                tarball = Path.of(chosen).toAbsolutePath();
                if (!Files.isRegularFile(tarball)) {
                    throw new IllegalStateException("bench.distribution: no such file " + tarball);
                }
                return new Settings(repo, tarball);
            }
            try (Stream<Path> files = Files.list(targetDir)) {
                tarball = files.filter(p -> p.getFileName().toString().matches("kubelix-karaf-assembly-.*\\.tar\\.gz"))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                tarball = null;
            }
            if (tarball == null) {
                throw new IllegalStateException("no built distribution in " + targetDir
                        + "; build it first: cd " + repo + " && mvn -B -q -o install -DskipTests");
            }
            return new Settings(repo, tarball);
        }

        private static Path findRepo() {
            String configured = System.getProperty("kubelix.repo");
            List<Path> candidates = configured != null ? List.of(Path.of(configured))
                    : List.of(Path.of(""), Path.of(".."));
            for (Path c : candidates) {
                Path p = c.toAbsolutePath().normalize();
                if (Files.isRegularFile(p.resolve("kubelix")) && Files.isDirectory(p.resolve("karaf-assembly"))) {
                    return p;
                }
            }
            throw new IllegalStateException("cannot find the Kubelix repository (the directory with the kubelix "
                    + "launcher); run from it or pass -Dkubelix.repo=<path>");
        }

        private static int positive(String name, int fallback) {
            String v = System.getProperty(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.strip());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // Reported below.
            }
            throw new IllegalStateException(name + " must be a positive whole number, got '" + v + "'");
        }

        /** True when a source file is newer than the distribution (the launcher's own rebuild rule). */
        boolean distributionIsStale() {
            try {
                long built = Files.getLastModifiedTime(tarball).toMillis();
                for (String dir : List.of("pom.xml", "bundles", "features", "config", "karaf-assembly/pom.xml")) {
                    Path root = repo.resolve(dir);
                    if (!Files.exists(root)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(root)) {
                        boolean newer = files.filter(Files::isRegularFile)
                                .filter(p -> !p.toString().contains("/target/"))
                                .anyMatch(p -> {
                                    try {
                                        return Files.getLastModifiedTime(p).toMillis() > built;
                                    } catch (IOException e) {
                                        return false;
                                    }
                                });
                        if (newer) {
                            return true;
                        }
                    }
                }
                return false;
            } catch (IOException | UncheckedIOException e) {
                return false;
            }
        }
    }

    /** How long one start took, and when its log showed the main steps (ms after the start). */
    record Boot(double readyMillis, double cpuMillis, Map<String, Long> phases, String cpuByThread, double otherCores) {
        String describe() {
            StringBuilder d = new StringBuilder(String.format(Locale.ROOT,
                    "ready in %.0f ms (Kubelix JVM used %.0f ms of CPU, other processes %.2f cores)", readyMillis,
                    cpuMillis, otherCores));
            if (!phases.isEmpty()) {
                d.append("; log:");
                phases.forEach((step, ms) -> d.append(' ').append(step).append(" +").append(ms));
            }
            d.append("\n    CPU by thread: ").append(cpuByThread);
            return d.toString();
        }
    }

    /** Log lines that mark the steps of a start, by the text they contain. */
    private static final Map<String, String> BOOT_STEPS = new LinkedHashMap<>();

    static {
        BOOT_STEPS.put("log", " | ");
        BOOT_STEPS.put("features", "Adding features:");
        BOOT_STEPS.put("store", "Opened the embedded store");
        BOOT_STEPS.put("namespaces", "Boot namespaces");
        BOOT_STEPS.put("api", "Kubernetes API listening");
    }

    /**
     * A Kubelix started the way {@code ./kubelix up} starts it ({@code bin/karaf server} with the
     * launcher's memory and GC flags), from an unpacked copy of the distribution in a home of its own.
     */
    final class KarafInstance {
        private final Path home;
        private final Path dist;
        private final Path data;
        private int port;
        private int sshPort;
        private String javaMinMem;
        private String javaMaxMem;
        private String extraJavaOpts = "-Xms48m -Xmx768m -XX:+UseSerialGC -XX:MaxMetaspaceSize=256m";
        private Process launcherShell;
        private ProcessHandle karafJvm;
        private boolean started;
        private long finishedTicks;

        KarafInstance(Settings settings) {
            this.home = settings.home;
            this.dist = home.resolve("dist");
            this.data = home.resolve("data");
        }

        String url() {
            return "https://127.0.0.1:" + port;
        }

        Path caCertificate() {
            return data.resolve("kubelix/pki/ca.crt");
        }

        String token() throws IOException {
            return Files.readString(data.resolve("kubelix/pki/admin.token")).strip();
        }

        Path logFile() {
            return data.resolve("log/karaf.log");
        }

        long javaPid() {
            if (karafJvm == null || !karafJvm.isAlive()) {
                throw new IllegalStateException("the Kubelix JVM is not running");
            }
            return karafJvm.pid();
        }

        String describeJvmOptions() {
            return (javaMinMem == null ? "" : "JAVA_MIN_MEM=" + javaMinMem + " ")
                    + (javaMaxMem == null ? "" : "JAVA_MAX_MEM=" + javaMaxMem + " ") + extraJavaOpts;
        }

        /** Unpacks the distribution and gives it free ports; stops a Karaf an interrupted run left on this home. */
        void install() throws Exception {
            stopLeftover();
            readLauncherJvmSettings();
            Path copy = copyWhenSettled(settings.tarball);
            deleteTree(dist);
            Files.createDirectories(dist);
            Process tar = new ProcessBuilder("tar", "-xzf", copy.toString(), "-C", dist.toString(),
                    "--strip-components=1").redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("cannot unpack " + settings.tarball + ": " + out);
            }
            port = freePort();
            sshPort = freePort();
            setKey(dist.resolve("etc/io.kubelix.apiserver.cfg"), "port", Integer.toString(port));
            setKey(dist.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(sshPort));
            System.out.printf(Locale.ROOT, "Kubelix under test: %s, API port %d, ssh port %d, home %s%nJVM: %s%n",
                    settings.tarball.getFileName(), port, sshPort, home, describeJvmOptions());
        }

        /**
         * Copies the distribution once no build has written it for 10 s: other developers' builds on this
         * machine rewrite it in place, and a half-written archive does not unpack.
         */
        private Path copyWhenSettled(Path tarball) throws Exception {
            Files.createDirectories(home);
            Path copy = home.resolve("distribution.tar.gz");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            boolean told = false;
            while (true) {
                long age = System.currentTimeMillis() - Files.getLastModifiedTime(tarball).toMillis();
                if (age >= 10_000) {
                    Files.copy(tarball, copy, StandardCopyOption.REPLACE_EXISTING);
                    long after = System.currentTimeMillis() - Files.getLastModifiedTime(tarball).toMillis();
                    if (after >= age) {
                        return copy;
                    }
                } else if (System.nanoTime() > deadline) {
                    throw new TimeoutException(tarball + " keeps changing (a build in progress?); try again later");
                }
                if (!told) {
                    System.out.println("waiting for a build that is writing " + tarball.getFileName() + " to finish");
                    told = true;
                }
                Thread.sleep(2000);
            }
        }

        /** Takes the memory and GC flags from the launcher itself, so the benchmark runs what users run. */
        private void readLauncherJvmSettings() throws IOException {
            String script = Files.readString(settings.launcher);
            Matcher extra = Pattern.compile("EXTRA_JAVA_OPTS=\"([^\"]*)\"").matcher(script);
            if (extra.find()) {
                // ${KUBELIX_JAVA_OPTS:-} and the like: the user's own additions are not part of the benchmark.
                extraJavaOpts = extra.group(1).replaceAll("\\$\\{[A-Za-z_]+:-[^}]*\\}", "").strip();
            } else {
                System.out.println("note: could not read EXTRA_JAVA_OPTS from " + settings.launcher
                        + "; using " + extraJavaOpts);
            }
            Matcher min = Pattern.compile("JAVA_MIN_MEM=(\\S+)").matcher(script);
            javaMinMem = min.find() ? min.group(1) : null;
            Matcher max = Pattern.compile("JAVA_MAX_MEM=(\\S+)").matcher(script);
            javaMaxMem = max.find() ? max.group(1) : null;
            if (!settings.extraJavaOpts.isBlank()) {
                extraJavaOpts = extraJavaOpts + " " + settings.extraJavaOpts.strip();
            }
        }

        void wipeData() throws IOException {
            deleteTree(data);
        }

        /** Starts Karaf and returns once {@code /readyz} answers ok, polling every 25 ms. */
        Boot start() throws Exception {
            // Karaf refuses to start when its log directory is missing.
            Files.createDirectories(data.resolve("log"));
            ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/karaf").toString(), "server");
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.equals("JAVA_OPTS"));
            env.put("KARAF_DATA", data.toString());
            if (javaMinMem != null) {
                env.put("JAVA_MIN_MEM", javaMinMem);
            }
            if (javaMaxMem != null) {
                env.put("JAVA_MAX_MEM", javaMaxMem);
            }
            env.put("EXTRA_JAVA_OPTS", extraJavaOpts);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()));

            ReadinessProbe probe = new ReadinessProbe(caCertificate(), port);
            long logStart = Files.exists(logFile()) ? Files.size(logFile()) : 0;
            long nextLogCheck = 0;
            long startedAt = System.currentTimeMillis();
            SystemCpu machineBefore = SystemCpu.read(cpuTicksAllRuns(), clockTicksPerSecond);
            long t0 = System.nanoTime();
            launcherShell = pb.start();
            started = true;
            karafJvm = null;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(settings.bootTimeoutSeconds);
            while (true) {
                long tick = System.nanoTime();
                if (karafJvm == null) {
                    // The script also runs a short-lived "java -version": the Karaf JVM is the one running its Main.
                    karafJvm = launcherShell.descendants()
                            .filter(h -> h.info().arguments().map(a -> Arrays.asList(a).contains(KARAF_MAIN))
                                    .orElse(false))
                            .findFirst().orElse(null);
                }
                if (probe.ready()) {
                    double readyMillis = (System.nanoTime() - t0) / 1e6;
                    if (karafJvm == null) {
                        throw new IllegalStateException("Kubelix answers but its JVM is not a child of the launcher");
                    }
                    double cpu = ProcessCpu.ticks(karafJvm.pid()) * 1000.0 / clockTicksPerSecond;
                    String byThread = ThreadCpu.top(Map.of(), ThreadCpu.byThread(karafJvm.pid()), 6,
                            clockTicksPerSecond);
                    double others = SystemCpu.read(cpuTicksAllRuns(), clockTicksPerSecond).otherCoresSince(machineBefore);
                    return new Boot(readyMillis, cpu, bootSteps(startedAt), byThread, round2(others));
                }
                if (tick > nextLogCheck) {
                    nextLogCheck = tick + TimeUnit.SECONDS.toNanos(1);
                    failIfFeaturesFailed(logStart);
                }
                if (!launcherShell.isAlive()) {
                    throw new IllegalStateException("Kubelix exited during start-up (exit " + launcherShell.exitValue()
                            + "); console: " + tail(home.resolve("console.out"), 10));
                }
                if (tick > deadline) {
                    String threads = karafJvm == null ? "" : "; threads in " + dumpThreads(karafJvm.pid());
                    String lastLine = logTail(1);
                    throw new BootHang("not ready within " + settings.bootTimeoutSeconds + " s" + threads
                            + "; last log line: " + (lastLine.length() > 160 ? lastLine.substring(0, 160) + "..." : lastLine));
                }
                long sleep = tick + POLL_NANOS - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        }

        /** A distribution whose features do not resolve never gets ready: say why at once instead of waiting. */
        private void failIfFeaturesFailed(long logStart) throws IOException {
            if (!Files.exists(logFile()) || Files.size(logFile()) <= logStart) {
                return;
            }
            String log;
            try (var in = Files.newInputStream(logFile())) {
                in.skipNBytes(logStart);
                log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int at = log.indexOf("Error installing boot features");
            if (at >= 0) {
                int end = log.indexOf('\n', log.indexOf('\n', at) + 1);
                String reason = log.substring(at, end < 0 ? log.length() : end).replace('\n', ' ');
                throw new IllegalStateException("the distribution does not start (is it broken, or built from a "
                        + "tree someone is editing?): " + (reason.length() > 600 ? reason.substring(0, 600) + "..." : reason));
            }
        }

        /** When the log of the start begun at {@code startedAt} first showed each of the steps. */
        private Map<String, Long> bootSteps(long startedAt) {
            Map<String, Long> steps = new LinkedHashMap<>();
            DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
            try {
                for (String line : Files.readAllLines(logFile(), StandardCharsets.UTF_8)) {
                    if (line.length() < 23 || !Character.isDigit(line.charAt(0))) {
                        continue;
                    }
                    long at;
                    try {
                        at = java.time.LocalDateTime.parse(line.substring(0, 23), format)
                                .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
                    } catch (java.time.format.DateTimeParseException e) {
                        continue;
                    }
                    if (at < startedAt) {
                        continue; // An earlier start's lines.
                    }
                    for (var step : BOOT_STEPS.entrySet()) {
                        if (!steps.containsKey(step.getKey()) && line.contains(step.getValue())) {
                            steps.put(step.getKey(), at - startedAt);
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // No log yet: the phases are a bonus.
            }
            return steps;
        }

        /** For a start-up that hangs: the JVM's thread dump, kept beside the console output. */
        private String dumpThreads(long pid) {
            Path file = home.resolve("threads-" + pid + ".txt");
            try {
                Process p = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(file.toFile()).start();
                p.waitFor(30, TimeUnit.SECONDS);
                return file.toString();
            } catch (IOException e) {
                return "(jcmd failed: " + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted)";
            }
        }

        /** SIGTERM to the Kubelix JVM (Karaf stops its bundles and closes the store), SIGKILL after 30 s. */
        void stop() throws InterruptedException {
            if (karafJvm != null && karafJvm.isAlive()) {
                try {
                    finishedTicks += ProcessCpu.ticks(karafJvm.pid());
                } catch (IOException e) {
                    // Gone already: nothing to add.
                }
                karafJvm.destroy();
                try {
                    karafJvm.onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    System.err.println("Kubelix did not stop within 30 s; killing it");
                    karafJvm.destroyForcibly();
                }
            }
            if (launcherShell != null && launcherShell.isAlive()) {
                if (!launcherShell.waitFor(10, TimeUnit.SECONDS)) {
                    launcherShell.descendants().forEach(ProcessHandle::destroyForcibly);
                    launcherShell.destroyForcibly();
                }
            }
            karafJvm = null;
            launcherShell = null;
        }

        /** SIGKILL, for a JVM that cannot stop on its own (a hung start). */
        void kill() throws InterruptedException {
            if (karafJvm != null && karafJvm.isAlive()) {
                try {
                    finishedTicks += ProcessCpu.ticks(karafJvm.pid());
                } catch (IOException e) {
                    // Gone already.
                }
                karafJvm.destroyForcibly();
                try {
                    karafJvm.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    System.err.println("the Kubelix JVM " + karafJvm.pid() + " survived SIGKILL for 10 s");
                }
            }
            stop();
        }

        void stopQuietly() {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("could not stop Kubelix: " + e);
            }
        }

        /** A benchmark killed mid-run leaves its Karaf on this home: stop that one (and only that one). */
        private void stopLeftover() throws Exception {
            Path pidFile = data.resolve("karaf.pid");
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            long pid;
            try {
                pid = Long.parseLong(Files.readString(pidFile).strip());
            } catch (NumberFormatException e) {
                return;
            }
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(data.toString()))
                            .orElse(false));
            if (leftover.isPresent()) {
                System.out.println("stopping a Kubelix left running on " + home + " by an earlier run (pid " + pid + ")");
                karafJvm = leftover.get();
                stop();
            }
        }

        /** CPU ticks used by all the Kubelix JVMs of this run (up to their stop). */
        long cpuTicksAllRuns() throws IOException {
            long running = karafJvm != null && karafJvm.isAlive() ? ProcessCpu.ticks(karafJvm.pid()) : 0;
            return finishedTicks + running;
        }

        boolean wasStarted() {
            return started;
        }

        String logTail(int lines) {
            return tail(logFile(), lines);
        }

        private static String tail(Path file, int lines) {
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e.getMessage() + ")";
            }
        }

        private static void setKey(Path cfg, String key, String value) throws IOException {
            List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + Pattern.quote(key) + "\\s*=.*")) {
                    lines.set(i, key + " = " + value);
                    found = true;
                }
            }
            if (!found) {
                lines.add(key + " = " + value);
            }
            Files.write(cfg, lines, StandardCharsets.UTF_8);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    /**
     * Asks {@code /readyz} over HTTPS trusting the instance's CA. On a first boot the CA does not
     * exist until the API server makes it, so the client is built once the file is readable.
     */
    static final class ReadinessProbe {
        private final Path caCertificate;
        private final URI readyz;
        private HttpClient client;

        ReadinessProbe(Path caCertificate, int port) {
            this.caCertificate = caCertificate;
            this.readyz = URI.create("https://127.0.0.1:" + port + "/readyz");
        }

        boolean ready() throws InterruptedException {
            if (client == null) {
                if (!Files.isRegularFile(caCertificate)) {
                    return false;
                }
                try {
                    client = httpClient(trusting(caCertificate));
                } catch (IOException e) {
                    return false; // Still being written.
                }
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().strip().equals("ok");
            } catch (ConnectException e) {
                return false;
            } catch (IOException e) {
                // A handshake against a half-started connector, or a CA replaced mid-boot: try afresh.
                client = null;
                return false;
            }
        }
    }

    /** The admin's HTTPS client: one HttpClient, HTTP/1.1, sequential requests over one kept-alive connection. */
    static final class Api {
        private final HttpClient client;
        private final String base;
        private final String authorization;

        Api(String base, Path caCertificate, String token) throws IOException {
            this.client = httpClient(trusting(caCertificate));
            this.base = base;
            this.authorization = "Bearer " + token;
        }

        void createNamespace(String name) throws Exception {
            String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw failure("create namespace " + name, r);
            }
        }

        void create(String namespace, String resource, String body) throws Exception {
            create(namespace, resource, body.getBytes(StandardCharsets.UTF_8));
        }

        void create(String namespace, String resource, byte[] body) throws Exception {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/namespaces/" + namespace + "/" + resource))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            if (r.statusCode() != 201) {
                throw failure("create " + resource + " in " + namespace, r);
            }
        }

        byte[] get(String path) throws Exception {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
            if (r.statusCode() != 200) {
                throw failure("GET " + path, r);
            }
            return r.body();
        }

        private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.header("Authorization", authorization).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private static IllegalStateException failure(String what, HttpResponse<byte[]> r) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            return new IllegalStateException(what + " answered HTTP " + r.statusCode() + ": "
                    + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
        }
    }

    /**
     * A watch on its own connection; a reader thread stamps each ADDED line with the time its last
     * byte was read, so the latency ends when the event is in the client's hands, not when it is parsed.
     */
    static final class WatchStream implements AutoCloseable {
        private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z]+)\"");
        private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(" + PodTemplate.CONFIG_MAP_PREFIX
                + "[0-9]+)\"");

        private record Arrival(String name, long nanos) {
        }

        private final InputStream body;
        private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private volatile String failure;

        private WatchStream(InputStream body) {
            this.body = body;
        }

        static WatchStream open(String base, Path caCertificate, String token, String path) throws Exception {
            // A client of its own: the watch holds its connection while the creates use another.
            HttpClient client = httpClient(trusting(caCertificate));
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                String text = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new IllegalStateException("watch " + path + " answered HTTP " + r.statusCode() + ": " + text);
            }
            WatchStream watch = new WatchStream(r.body());
            Thread reader = new Thread(watch::read, "watch-reader");
            reader.setDaemon(true);
            reader.start();
            return watch;
        }

        private void read() {
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                int n;
                while ((n = body.read(buffer)) > 0) {
                    long now = System.nanoTime();
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            line.write(buffer, start, i - start);
                            onLine(line.toString(StandardCharsets.UTF_8), now);
                            line.reset();
                            start = i + 1;
                        }
                    }
                    line.write(buffer, start, n - start);
                }
                failure = "the watch stream ended";
            } catch (IOException e) {
                failure = "the watch stream failed: " + e;
            }
        }

        private void onLine(String line, long nanos) {
            Matcher type = TYPE.matcher(line);
            if (!type.find()) {
                return;
            }
            if (type.group(1).equals("ERROR")) {
                failure = "the watch sent an ERROR event: " + line;
                return;
            }
            Matcher name = NAME.matcher(line);
            if (type.group(1).equals("ADDED") && name.find()) {
                arrivals.add(new Arrival(name.group(1), nanos));
            }
        }

        /** The time the ADDED event of this name was read. */
        long awaitAdded(String name, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Arrival a = arrivals.poll(10, TimeUnit.MILLISECONDS);
                if (a != null && a.name().equals(name)) {
                    return a.nanos();
                }
                if (a == null && failure != null) {
                    throw new IllegalStateException(failure + " before ADDED " + name);
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("no ADDED event for " + name + " within " + timeout.toSeconds() + " s");
                }
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // Closing ends the watch either way.
            }
        }
    }

    /** The objects the benchmark writes: a realistic web pod (~1.5 KB of JSON) and a small config map. */
    static final class PodTemplate {
        static final String POD_PREFIX = "bench-pod-";
        static final String CONFIG_MAP_PREFIX = "bench-cm-";
        private static final Pattern LIST_RV = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"([0-9]+)\"");

        static String name(int i) {
            return String.format(Locale.ROOT, "%s%05d", POD_PREFIX, i);
        }

        static String configMapName(int i) {
            return String.format(Locale.ROOT, "%s%05d", CONFIG_MAP_PREFIX, i);
        }

        static String pod(String namespace, int i) {
            return """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s",\
                    "labels":{"app":"storefront","tier":"frontend","release":"stable","track":"canary-%d"},\
                    "annotations":{"example.com/owner":"team-checkout","example.com/build":"2024.11.%d"}},\
                    "spec":{"containers":[{"name":"web","image":"registry.example.com/shop/storefront:1.27.%d",\
                    "imagePullPolicy":"IfNotPresent","command":["/app/storefront"],\
                    "args":["--listen=:8080","--metrics=:9090","--log-format=json"],\
                    "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},\
                    {"name":"metrics","containerPort":9090,"protocol":"TCP"}],\
                    "env":[{"name":"APP_ENV","value":"production"},{"name":"LOG_LEVEL","value":"info"},\
                    {"name":"CACHE_SIZE_MB","value":"256"},{"name":"UPSTREAM_URL","value":"http://catalog.shop.svc:8080"},\
                    {"name":"MY_POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}],\
                    "resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"cpu":"1","memory":"512Mi"}},\
                    "readinessProbe":{"httpGet":{"path":"/healthz/ready","port":8080,"scheme":"HTTP"},\
                    "initialDelaySeconds":5,"periodSeconds":10,"timeoutSeconds":2,"successThreshold":1,"failureThreshold":3},\
                    "livenessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":15,"periodSeconds":20},\
                    "volumeMounts":[{"name":"config","mountPath":"/etc/storefront","readOnly":true}]}],\
                    "volumes":[{"name":"config","configMap":{"name":"storefront-config"}}],\
                    "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",\
                    "nodeSelector":{"kubernetes.io/os":"linux"}}}"""
                    .formatted(name(i), namespace, i % 10, i % 28 + 1, i % 7);
        }

        static String configMap(String namespace, String name) {
            return """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"%s",\
                    "labels":{"app":"storefront"}},"data":{"log.level":"info","cache.size":"256"}}"""
                    .formatted(name, namespace);
        }

        /** How many benchmark pods a LIST body holds (each pod's name appears once, in its metadata). */
        static int countPods(byte[] listBody) {
            String text = new String(listBody, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"" + POD_PREFIX).matcher(text);
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        /** The list's own resourceVersion: with no items, the only one in the body. */
        static String listResourceVersion(byte[] listBody) {
            String text = new String(listBody, StandardCharsets.UTF_8);
            Matcher m = LIST_RV.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("the list has no resourceVersion: " + text);
            }
            return m.group(1);
        }
    }

    /** Latency percentiles by the nearest-rank method. */
    record Stats(double[] sorted) {
        static Stats of(double[] values) {
            double[] copy = values.clone();
            Arrays.sort(copy);
            return new Stats(copy);
        }

        double percentile(double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        double max() {
            return sorted[sorted.length - 1];
        }

        static double median(List<Double> values) {
            return of(values.stream().mapToDouble(Double::doubleValue).toArray()).percentile(50);
        }
    }

    /** Resident memory from /proc/<pid>/status. */
    record Memory(long rssKb, long anonKb) {
        static Memory of(long pid) throws IOException {
            long rss = 0;
            long anon = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("RssAnon:")) {
                    anon = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new Memory(rss, anon);
        }

        double rssMb() {
            return rssKb / 1024.0;
        }

        double anonMb() {
            return anonKb / 1024.0;
        }
    }

    /** CPU time (user + system, in clock ticks) of one process, from /proc/<pid>/stat. */
    static final class ProcessCpu {
        static long ticks(long pid) throws IOException {
            return ticks(Path.of("/proc/" + pid + "/stat"));
        }

        static long ticks(Path statFile) throws IOException {
            String stat = Files.readString(statFile);
            // Fields after the command name (which may hold spaces) start at field 3, state.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
    }

    /** CPU ticks per thread of a process, threads of one pool (kubelix-api-12, GC Thread#1) taken together. */
    static final class ThreadCpu {
        static Map<String, Long> byThread(long pid) {
            Map<String, Long> ticks = new HashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip()
                                .replaceAll("[0-9]+$", "*");
                        long used = ProcessCpu.ticks(task.resolve("stat"));
                        ticks.merge(name, used, Long::sum);
                    } catch (IOException e) {
                        // The thread ended meanwhile.
                    }
                }
            } catch (IOException e) {
                // The process ended: nothing to tell.
            }
            return ticks;
        }

        /** The threads that used the most CPU between the two readings, in seconds. */
        static String top(Map<String, Long> before, Map<String, Long> after, int count, long ticksPerSecond) {
            return after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(count)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / (double) ticksPerSecond))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** Whole-machine and per-process CPU at one moment, to tell how busy other processes kept the cores. */
    record SystemCpu(long nanos, long busyTicks, long kubelixTicks, long selfTicks, long ticksPerSecond) {
        static SystemCpu read(long kubelixTicks, long ticksPerSecond) throws IOException {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return new SystemCpu(System.nanoTime(), busy, kubelixTicks,
                    ProcessCpu.ticks(ProcessHandle.current().pid()), ticksPerSecond);
        }

        double otherCoresSince(SystemCpu before) {
            long others = (busyTicks - before.busyTicks) - (kubelixTicks - before.kubelixTicks)
                    - (selfTicks - before.selfTicks);
            return Math.max(0, others) / (double) ticksPerSecond / seconds(before);
        }

        private double seconds(SystemCpu before) {
            return Math.max(1e-3, (nanos - before.nanos) / 1e9);
        }
    }

    /** Named results in insertion order, written as JSON. */
    static final class Results {
        private final Map<String, Object> values = new LinkedHashMap<>();

        void put(String key, Object value) {
            values.put(key, value);
        }

        Object get(String key) {
            Object v = values.get(key);
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return d.longValue();
            }
            return v == null ? "n/a" : v;
        }

        /** Dotted keys become nested objects: {"boot": {"firstMedianMs": ...}}. */
        String toJson() {
            Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
            for (var e : values.entrySet()) {
                int dot = e.getKey().indexOf('.');
                groups.computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>())
                        .put(e.getKey().substring(dot + 1), get(e.getKey()));
            }
            StringBuilder json = new StringBuilder("{\n");
            int g = 0;
            for (var group : groups.entrySet()) {
                json.append("  ").append(quote(group.getKey())).append(": {\n");
                int i = 0;
                for (var e : group.getValue().entrySet()) {
                    json.append("    ").append(quote(e.getKey())).append(": ").append(value(e.getValue()));
                    json.append(++i < group.getValue().size() ? ",\n" : "\n");
                }
                json.append(++g < groups.size() ? "  },\n" : "  }\n");
            }
            return json.append("}\n").toString();
        }

        private static String value(Object v) {
            if (v instanceof Number || v instanceof Boolean) {
                return v.toString();
            }
            if (v instanceof List<?> list) {
                List<String> parts = new ArrayList<>();
                for (Object o : list) {
                    parts.add(value(o instanceof Double d && d == Math.rint(d) ? d.longValue() : o));
                }
                return "[" + String.join(", ", parts) + "]";
            }
            return quote(String.valueOf(v));
        }

        private static String quote(String s) {
            StringBuilder q = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    case '\n' -> q.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            q.append(c);
                        }
                    }
                }
            }
            return q.append('"').toString();
        }
    }
}
