package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.RangeResult;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import io.kubelix.api.store.Watch;
import io.kubelix.api.store.WatchListener;
import io.kubelix.api.store.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures the embedded store on this machine. Not a test: run it by hand, for example
 * <pre>
 * cd bundles/store-embedded
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.kubelix.store.embedded.impl.StoreBenchmark \
 *     [dir] [--no-compress] [--no-sync]
 * </pre>
 * It prints p50/p99 of: a create (compare absent + put of a 1.5 KB value, forced to disk), an update
 * (compare modRevision + put), a range of 1,000 such values at the current and at a past revision, watch
 * delivery (from the start of the writing call to the listener), and creates from 4 concurrent writers;
 * then the file size after 50,000 updates of one key with compaction, and reads of a collection of
 * 100,000 keys.
 */
public final class StoreBenchmark {
    private static final int VALUE_SIZE = 1_500;

    public static void main(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(args));
        boolean compress = !options.remove("--no-compress");
        boolean sync = !options.remove("--no-sync");
        Path dir = options.isEmpty() ? Files.createTempDirectory("kubelix-store-bench") : Path.of(options.get(0));
        Files.createDirectories(dir);
        MvKeyValueStore.Settings settings = MvKeyValueStore.Settings.defaults().withCompactionInterval(Duration.ZERO)
                .withCompress(compress).withSyncWrites(sync);
        System.out.printf("store file in %s, java %s, %d cores, compress %s, syncWrites %s%n", dir,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), compress, sync);
        Path file = dir.resolve("bench-" + System.nanoTime() + ".mv");
        try (MvKeyValueStore store = MvKeyValueStore.open(file, settings)) {
            // warm up the JIT and the file
            for (int i = 0; i < 3_000; i++) {
                store.txn(Txn.when(Compare.absent("/warm/" + i), Op.put("/warm/" + i, pod(i)), null));
            }
            creates(store, "/registry/pods/default/", 1_000);
            updates(store, "/registry/pods/default/", 2_000);
            ranges(store, "/registry/pods/default/");
            watchDelivery(store);
            concurrentCreates(store, 4, 1_000);
        } finally {
            Files.deleteIfExists(file);
        }
        fileGrowth(dir.resolve("growth-" + System.nanoTime() + ".mv"), settings);
        largeCollection(dir.resolve("large-" + System.nanoTime() + ".mv"), settings);
    }

    /** 100,000 keys of 1.5 KB: five times the default page cache, so pages come from the OS cache. */
    private static void largeCollection(Path file, MvKeyValueStore.Settings settings) throws Exception {
        try (MvKeyValueStore store = MvKeyValueStore.open(file, settings)) {
            for (int batch = 0; batch < 100; batch++) {
                List<Op> ops = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    int n = batch * 1_000 + i;
                    ops.add(Op.put(String.format("/registry/pods/ns%02d/pod-%06d", batch % 10, n), pod(n)));
                }
                store.txn(new Txn(List.of(), ops, List.of()));
            }
            System.out.printf("100,000 keys of 1.5 KB, file %,d bytes%n", store.fileSize());
            int rounds = 200;
            long[] count = new long[rounds];
            long[] firstPage = new long[rounds];
            long[] middlePage = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                check(store.count("/registry/pods/") == 100_000, "count");
                count[i] = System.nanoTime() - start;
                start = System.nanoTime();
                RangeResult page = store.range(new RangeRequest("/registry/pods/", null, 0, 500));
                firstPage[i] = System.nanoTime() - start;
                check(page.remaining() == 99_500, "remaining " + page.remaining());
                start = System.nanoTime();
                String after = String.format("/registry/pods/ns%02d/pod-%06d", i % 10, (i * 7_919) % 100_000);
                store.range(new RangeRequest("/registry/pods/", after, page.revision(), 500));
                middlePage[i] = System.nanoTime() - start;
            }
            report("  count of 100,000 keys", count);
            report("  first page of 500, with remaining", firstPage);
            report("  a page of 500 anywhere, with remaining", middlePage);
            long[] namespace = new long[20];
            for (int i = 0; i < namespace.length; i++) {
                long start = System.nanoTime();
                check(store.range(RangeRequest.prefix("/registry/pods/ns0" + (i % 10) + "/")).kvs().size() == 10_000,
                        "namespace size");
                namespace[i] = System.nanoTime() - start;
            }
            report("  range of one namespace, 10,000 values", namespace);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void creates(MvKeyValueStore store, String prefix, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String key = prefix + "pod-" + String.format("%05d", i);
            long start = System.nanoTime();
            TxnResult result = store.txn(Txn.when(Compare.absent(key), Op.put(key, pod(i)), null));
            nanos[i] = System.nanoTime() - start;
            check(result.succeeded(), "create of " + key);
        }
        report("txn create 1.5 KB", nanos);
    }

    private static void updates(MvKeyValueStore store, String prefix, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String key = prefix + "pod-" + String.format("%05d", i % 1_000);
            long start = System.nanoTime();
            KeyValue current = store.get(key).orElseThrow();
            TxnResult result = store.txn(Txn.when(Compare.modRevision(key, current.modRevision()),
                    Op.put(key, pod(i)), null));
            nanos[i] = System.nanoTime() - start;
            check(result.succeeded(), "update of " + key);
        }
        report("get + txn update 1.5 KB", nanos);
    }

    private static void ranges(MvKeyValueStore store, String prefix) {
        int rounds = 1_000;
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            RangeResult result = store.range(RangeRequest.prefix(prefix));
            nanos[i] = System.nanoTime() - start;
            check(result.kvs().size() == 1_000, "range size " + result.kvs().size());
        }
        report("range 1,000 x 1.5 KB (current)", nanos);

        long past = store.revision();
        for (int i = 0; i < 100; i++) {
            String key = prefix + "pod-" + String.format("%05d", i * 7);
            store.txn(new Txn(List.of(), List.of(Op.put(key, pod(i))), List.of()));
        }
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            RangeResult result = store.range(new RangeRequest(prefix, null, past, 0));
            nanos[i] = System.nanoTime() - start;
            check(result.kvs().size() == 1_000, "past range size " + result.kvs().size());
        }
        report("range 1,000 at a revision 100 writes old", nanos);

        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            RangeResult first = store.range(new RangeRequest(prefix, null, 0, 500));
            store.range(new RangeRequest(prefix, first.kvs().get(499).key(), first.revision(), 500));
            nanos[i] = System.nanoTime() - start;
        }
        report("range 1,000 in two pages of 500", nanos);
    }

    private static void watchDelivery(MvKeyValueStore store) throws InterruptedException {
        int count = 2_000;
        long[] started = new long[count];
        long[] received = new long[count];
        ConcurrentHashMap<Long, Integer> indexByRevision = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(count);
        long base = store.revision();
        Watch watch = store.watch("/bench/watch/", 0, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                long now = System.nanoTime();
                int i = (int) (event.revision() - base - 1);
                if (i >= 0 && i < count) {
                    received[i] = now;
                    all.countDown();
                }
            }
        });
        for (int i = 0; i < count; i++) {
            String key = "/bench/watch/" + (i % 100);
            started[i] = System.nanoTime();
            TxnResult result = store.txn(new Txn(List.of(), List.of(Op.put(key, pod(i))), List.of()));
            indexByRevision.put(result.revision(), i);
            check(result.revision() == base + 1 + i, "revisions must be consecutive");
        }
        check(all.await(30, TimeUnit.SECONDS), "every watch event arrives");
        watch.close();
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            nanos[i] = received[i] - started[i];
        }
        report("watch: txn call to listener", nanos);
    }

    private static void concurrentCreates(MvKeyValueStore store, int threads, int perThread) throws Exception {
        long[][] nanos = new long[threads][perThread];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    String key = "/registry/pods/concurrent/t" + thread + "-" + i;
                    long s = System.nanoTime();
                    store.txn(Txn.when(Compare.absent(key), Op.put(key, pod(i)), null));
                    nanos[thread][i] = System.nanoTime() - s;
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).toArray();
        report(threads + " concurrent writers, create", all);
        System.out.printf("    throughput %.0f txn/s%n", threads * perThread / (elapsed / 1e9));
    }

    private static void fileGrowth(Path file, MvKeyValueStore.Settings settings) {
        int updates = 50_000;
        long start = System.nanoTime();
        long maxSize = 0;
        try (MvKeyValueStore store = MvKeyValueStore.open(file, settings)) {
            for (int i = 1; i <= updates; i++) {
                store.txn(new Txn(List.of(), List.of(Op.put("/registry/leases/node-1", pod(i))), List.of()));
                if (i % 1_000 == 0) {
                    // what the periodic compaction does: keep the last interval (here 1,000 revisions)
                    store.compact(store.revision() - 1_000);
                    maxSize = Math.max(maxSize, store.fileSize());
                }
                if (i % 10_000 == 0) {
                    System.out.printf("    after %,d updates: file %,d bytes%n", i, store.fileSize());
                }
            }
            System.out.printf("%-44s %,d updates in %.1f s, largest file %,d bytes%n", "file growth, 1 key updated",
                    updates, (System.nanoTime() - start) / 1e9, maxSize);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException ignored) {
                // a temp file
            }
        }
    }

    /** A JSON document of about 1.5 KB that looks like a pod, different for every i. */
    static byte[] pod(int i) {
        StringBuilder json = new StringBuilder(VALUE_SIZE + 64);
        json.append("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-").append(i)
                .append("\",\"namespace\":\"default\",\"uid\":\"").append(Integer.toHexString(i))
                .append("-4b7a-9c1e\",\"labels\":{\"app\":\"web\",\"tier\":\"frontend\"}},\"spec\":{\"containers\":[");
        int n = 0;
        while (json.length() < VALUE_SIZE - 40) {
            json.append("{\"name\":\"c").append(n).append("\",\"image\":\"registry.local/web:1.").append(n * 31 + i % 97)
                    .append("\",\"ports\":[{\"containerPort\":").append(8000 + n).append("}]},");
            n++;
        }
        json.setLength(json.length() - 1);
        json.append("]},\"status\":{\"phase\":\"Pending\"}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-44s n=%-5d p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms%n", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private StoreBenchmark() {
    }
}
