package io.kubelix.store.embedded.impl;

import static io.kubelix.store.embedded.impl.StoreTestSupport.put;
import static io.kubelix.store.embedded.impl.StoreTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.StoreException;
import io.kubelix.api.store.WatchEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    @TempDir
    Path dir;

    @Test
    void reopeningKeepsDataRevisionsAndHistory() throws Exception {
        Path file = dir.resolve("nested/dir/store.mv");
        try (MvKeyValueStore store = StoreTestSupport.open(file)) {
            for (int i = 1; i <= 20; i++) {
                put(store, "/r/" + (i % 4), "v" + i);
            }
            StoreTestSupport.delete(store, "/r/0");
            store.compact(10);
        }
        try (MvKeyValueStore store = StoreTestSupport.open(file)) {
            assertEquals(21, store.revision());
            assertEquals(10, store.compactedRevision());
            assertEquals(3, store.count("/r/"));
            KeyValue three = store.get("/r/3").orElseThrow();
            assertEquals("v19", text(three));
            assertEquals(3, three.createRevision());
            assertEquals(19, three.modRevision());
            assertEquals(5, three.version());
            assertEquals("v12", text(store.range(new RangeRequest("/r/", null, 14, 0)).kvs().get(0)),
                    "history after the compacted revision survives");
            assertThrows(CompactedException.class, () -> store.range(new RangeRequest("/r/", null, 10, 0)));
            WatchTest.Recorder recorder = new WatchTest.Recorder();
            store.watch("/r/", 11, recorder);
            StoreTestSupport.await("the replayed history", () -> recorder.events.size() == 11);
            assertEquals(WatchEvent.Type.DELETE, recorder.events.get(10).type());
            assertEquals(22, put(store, "/r/new", "x").revision(), "revisions continue where they stopped");
        }
    }

    @Test
    void aFileIsOpenedByOneStoreOnly() {
        Path file = dir.resolve("store.mv");
        try (MvKeyValueStore store = StoreTestSupport.open(file)) {
            StoreException e = assertThrows(StoreException.class, () -> StoreTestSupport.open(file));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            put(store, "/still", "usable");
        }
    }

    @Test
    void aFileOfAnotherKindIsRefused() throws Exception {
        Path file = dir.resolve("other.mv");
        org.h2.mvstore.MVStore other = org.h2.mvstore.MVStore.open(file.toString());
        other.<String, String>openMap("kv").put("/x", "not ours");
        other.close();
        StoreException e = assertThrows(StoreException.class, () -> StoreTestSupport.open(file));
        assertTrue(e.getMessage().contains("not written by this store"), e.getMessage());
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKill9() throws Exception {
        Path file = dir.resolve("crash.mv");
        Map<Integer, Long> acknowledged = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), file.toString(), Integer.toString(round * 1_000_000))
                    .redirectError(dir.resolve("child-" + round + ".log").toFile())
                    .start();
            int acksThisRound = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ");
                        acknowledged.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                        if (++acksThisRound == 400) {
                            // mid-write: both writer threads are busy. (Process.destroyForcibly would also
                            // close our end of the pipe; the handle only sends SIGKILL.)
                            child.toHandle().destroyForcibly();
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        child.toHandle().destroyForcibly();
                        throw new AssertionError("the child wrote only " + acksThisRound + " transactions in 30 s: "
                                + Files.readString(dir.resolve("child-" + round + ".log")));
                    }
                }
            }
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertTrue(acksThisRound >= 400, "the child was killed after 400 acknowledged writes");

            try (MvKeyValueStore store = StoreTestSupport.open(file)) {
                long maxAcknowledged = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                assertTrue(store.revision() >= maxAcknowledged,
                        "revision " + store.revision() + " is behind the acknowledged " + maxAcknowledged);
                for (Map.Entry<Integer, Long> ack : acknowledged.entrySet()) {
                    KeyValue a = store.get("/crash/a/" + ack.getKey()).orElseThrow(
                            () -> new AssertionError("acknowledged write " + ack.getKey() + " is lost"));
                    assertTrue(text(a).startsWith(ack.getKey() + ":"));
                    assertEquals(ack.getValue(), a.modRevision());
                }
                // atomicity: each transaction wrote a and b together, also the unacknowledged ones
                List<KeyValue> as = store.range(RangeRequest.prefix("/crash/a/")).kvs();
                List<KeyValue> bs = store.range(RangeRequest.prefix("/crash/b/")).kvs();
                assertEquals(as.size(), bs.size());
                for (int i = 0; i < as.size(); i++) {
                    assertEquals(as.get(i).modRevision(), bs.get(i).modRevision(), "a half transaction is visible");
                }
                assertEquals(store.revision() + 1, put(store, "/after/crash", "usable").revision());
                // the kill cut the history off cleanly too: a watch replays every revision
                WatchTest.Recorder recorder = new WatchTest.Recorder();
                store.watch("/crash/b/", 1, recorder);
                long written = bs.stream().mapToLong(KeyValue::modRevision).max().orElseThrow();
                StoreTestSupport.await("the replay", () -> !recorder.events.isEmpty()
                        && recorder.events.get(recorder.events.size() - 1).revision() == written);
            }
        }
    }
}
