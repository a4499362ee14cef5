package io.kubelix.store.embedded.impl;

import static io.kubelix.store.embedded.impl.StoreTestSupport.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.StoreException;
import io.kubelix.api.store.Txn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    @TempDir
    Path dir;

    @Test
    void compactionDropsHistoryAndKeepsCurrentValues() {
        try (MvKeyValueStore store = StoreTestSupport.open(dir.resolve("store.mv"))) {
            for (int i = 1; i <= 30; i++) {
                put(store, "/c/" + (i % 5), "v" + i);
            }
            store.compact(25);
            assertEquals(25, store.compactedRevision());
            assertEquals(30, store.revision());
            assertThrows(CompactedException.class, () -> store.range(new RangeRequest("/c/", null, 25, 0)));
            assertEquals(5, store.range(new RangeRequest("/c/", null, 26, 0)).kvs().size());
            assertEquals(5, store.count("/c/"));
            assertEquals("v30", StoreTestSupport.text(store.get("/c/0").orElseThrow()));
            assertThrows(CompactedException.class, () -> store.watch("/c/", 25, new WatchTest.Recorder()));

            store.compact(10);
            assertEquals(25, store.compactedRevision(), "compacting to an older revision changes nothing");
            StoreException future = assertThrows(StoreException.class, () -> store.compact(31));
            assertTrue(future.getMessage().contains("current revision is 30"), future.getMessage());

            store.compact(30);
            assertEquals(5, store.range(RangeRequest.prefix("/c/")).kvs().size(),
                    "the current state reads even when all history is gone");
            assertEquals(31, put(store, "/c/0", "after").revision());
        }
    }

    @Test
    void theFileStaysBoundedUnderSteadyUpdatesOfOneKey() {
        int updates = 20_000;
        int window = 1_000;
        byte[] value = StoreBenchmark.pod(1);
        long sizeAtQuarter = 0;
        long largest = 0;
        try (MvKeyValueStore store = StoreTestSupport.open(dir.resolve("growth.mv"))) {
            for (int i = 1; i <= updates; i++) {
                value[value.length - 3] = (byte) ('0' + i % 10);
                store.txn(new Txn(List.of(), List.of(Op.put("/registry/leases/node-1", value)), List.of()));
                if (i % window == 0) {
                    // what the periodic tasks do: keep one window of history, then rewrite sparse chunks
                    store.compact(store.revision() - window);
                    store.reclaimSpace(8);
                    largest = Math.max(largest, store.fileSize());
                }
                if (i == updates / 4) {
                    sizeAtQuarter = store.fileSize();
                }
            }
            long written = (long) updates * value.length;
            assertTrue(largest < 16L << 20, "the file reached " + largest + " bytes after writing " + written);
            assertTrue(store.fileSize() <= sizeAtQuarter * 2 + (1 << 20), "the file grew from " + sizeAtQuarter
                    + " bytes after " + updates / 4 + " updates to " + store.fileSize() + " after " + updates);
            assertEquals(updates, store.get("/registry/leases/node-1").orElseThrow().version());
        }
    }

    @Test
    void periodicCompactionKeepsOneIntervalOfHistory() throws Exception {
        MvKeyValueStore.Settings settings = MvKeyValueStore.Settings.defaults()
                .withCompactionInterval(Duration.ofMillis(1_000));
        try (MvKeyValueStore store = MvKeyValueStore.open(dir.resolve("periodic.mv"), settings)) {
            long opened = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                put(store, "/p", "v" + i);
            }
            assertTrue(System.nanoTime() - opened < TimeUnit.MILLISECONDS.toNanos(900),
                    "the first writes finished before the first tick");
            // the first tick (1 s) remembers revision 10; the second (2 s) compacts to it
            Thread.sleep(Math.max(0, 1_300 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)));
            assertEquals(0, store.compactedRevision(), "the first tick only remembers the revision");
            for (int i = 10; i < 20; i++) {
                put(store, "/p", "v" + i);
            }
            StoreTestSupport.await("the second tick", () -> store.compactedRevision() > 0);
            assertEquals(10, store.compactedRevision());
            assertEquals(11, store.range(new RangeRequest("/p", null, 11, 0)).kvs().get(0).modRevision(),
                    "the last interval of history is still there");
        }
    }
}
