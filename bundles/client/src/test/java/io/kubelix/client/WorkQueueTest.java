package io.kubelix.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class WorkQueueTest {
    /** Per-key back-off only (no overall bucket), so timing tests measure one thing. */
    private static final WorkQueue.RateLimit PER_KEY_ONLY =
            new WorkQueue.RateLimit(Duration.ofMillis(40), Duration.ofSeconds(10), 0, 0);

    @Test
    void aKeyIsQueuedOnceAndKeysComeOutInOrder() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        q.add("a");
        q.add("b");
        q.add("a");
        q.add("c");
        q.add("b");
        assertEquals(3, q.len());
        assertEquals("a", q.take());
        assertEquals("b", q.take());
        assertEquals("c", q.take());
        assertEquals(0, q.len());
    }

    @Test
    void aKeyAddedWhileProcessingIsHandedOutAgainOnlyAfterDone() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        q.add("a");
        assertEquals("a", q.take());
        q.add("a");
        q.add("a");
        // Not available to a second worker while the first still processes it.
        assertEquals(0, q.len());
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> takeQuietly(q));
        Thread.sleep(100);
        assertFalse(second.isDone(), "a key being processed must not be given to another worker");
        q.done("a");
        assertEquals("a", second.get(2, TimeUnit.SECONDS));
        q.done("a");
        assertEquals(0, q.len(), "the two adds during processing count once");
    }

    @Test
    void doneWithoutReAddDoesNotQueueAgain() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        q.add("a");
        q.done(q.take());
        assertEquals(0, q.len());
    }

    @Test
    void concurrentWorkersNeverProcessTheSameKeyAtOnce() throws Exception {
        WorkQueue<Integer> q = new WorkQueue<>();
        Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            workers.submit(() -> {
                Integer key;
                while ((key = q.take()) != null) {
                    if (!inFlight.add(key)) {
                        overlaps.incrementAndGet();
                    }
                    Thread.sleep(1);
                    inFlight.remove(key);
                    processed.incrementAndGet();
                    q.done(key);
                }
                return null;
            });
        }
        for (int i = 0; i < 2000; i++) {
            q.add(i % 5);
        }
        q.shutDownWithDrain();
        workers.shutdown();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        assertTrue(processed.get() >= 5, "every key is processed at least once");
    }

    @Test
    void addAfterQueuesTheKeyOnceTheDelayHasPassed() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        long start = System.nanoTime();
        q.addAfter("late", Duration.ofMillis(200));
        assertEquals(0, q.len());
        assertEquals("late", q.take());
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs >= 195 && elapsedMs < 1000, "took " + elapsedMs + " ms");
    }

    @Test
    void aShorterAddAfterOverridesALongerOneButNotTheOtherWayRound() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        long start = System.nanoTime();
        q.addAfter("k", Duration.ofSeconds(30));
        q.addAfter("k", Duration.ofMillis(100));
        q.addAfter("k", Duration.ofSeconds(20));
        assertEquals("k", q.take());
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs >= 95 && elapsedMs < 2000, "took " + elapsedMs + " ms");
        q.done("k");
        Thread.sleep(150);
        assertEquals(0, q.len(), "the key was waiting once, so it comes once");
    }

    @Test
    void delayedKeysComeOutInTimeOrder() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        q.addAfter("third", Duration.ofMillis(300));
        q.addAfter("first", Duration.ofMillis(50));
        q.addAfter("second", Duration.ofMillis(150));
        assertEquals(List.of("first", "second", "third"), List.of(q.take(), q.take(), q.take()));
    }

    @Test
    void rateLimitedBackOffDoublesPerFailureAndForgetResetsIt() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(PER_KEY_ONLY);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            q.addRateLimited("k");
            assertEquals("k", q.take());
            delays.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            q.done("k");
        }
        assertEquals(4, q.numRequeues("k"));
        // 40, 80, 160, 320 ms: each at least the nominal delay, and clearly growing.
        long[] nominal = {40, 80, 160, 320};
        for (int i = 0; i < 4; i++) {
            assertTrue(delays.get(i) >= nominal[i] - 5, "delay " + i + " was " + delays + ", expected >= " + nominal[i]);
            assertTrue(delays.get(i) < nominal[i] + 400, "delay " + i + " was " + delays);
        }
        q.forget("k");
        assertEquals(0, q.numRequeues("k"));
        long start = System.nanoTime();
        q.addRateLimited("k");
        assertEquals("k", q.take());
        long afterForget = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(afterForget < 200, "after forget the delay starts over at the base, took " + afterForget);
    }

    @Test
    void perKeyBackOffIsCappedAtMaxDelay() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new WorkQueue.RateLimit(Duration.ofMillis(10), Duration.ofMillis(50), 0, 0));
        long last = 0;
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            q.addRateLimited("k");
            assertEquals("k", q.take());
            q.done("k");
            last = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        // Uncapped, the tenth delay would be 10 ms * 2^9 = 5 s.
        assertTrue(last >= 45 && last < 1000, "tenth delay " + last + " ms, expected about 50");
        assertEquals(10, q.numRequeues("k"));
    }

    @Test
    void theOverallTokenBucketSpacesOutDifferentKeys() throws Exception {
        // A generous per-key base, a bucket of 2 at 10 per second.
        WorkQueue<String> q = new WorkQueue<>(new WorkQueue.RateLimit(Duration.ofMillis(1), Duration.ofSeconds(1), 10, 2));
        long start = System.nanoTime();
        for (String k : List.of("a", "b", "c", "d")) {
            q.addRateLimited(k);
        }
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            q.take();
            at.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        // Two come from the burst at once, then one every 100 ms.
        assertTrue(at.get(1) < 80, "burst: " + at);
        assertTrue(at.get(2) >= 90, "third waits for a token: " + at);
        assertTrue(at.get(3) >= 190, "fourth waits for two tokens: " + at);
        assertTrue(at.get(3) < 1500, at.toString());
    }

    @Test
    void shutDownUnblocksWaitingTakersAndIgnoresNewKeys() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        CountDownLatch started = new CountDownLatch(2);
        List<CompletableFuture<String>> takers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            takers.add(CompletableFuture.supplyAsync(() -> {
                started.countDown();
                return takeQuietly(q);
            }));
        }
        started.await();
        Thread.sleep(50);
        q.shutDown();
        for (CompletableFuture<String> t : takers) {
            assertNull(t.get(2, TimeUnit.SECONDS));
        }
        q.add("late");
        q.addAfter("later", Duration.ofMillis(1));
        assertEquals(0, q.len());
        assertNull(q.take());
        assertTrue(q.isShuttingDown());
    }

    @Test
    void keysQueuedBeforeShutDownAreStillHandedOut() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        q.add("a");
        q.add("b");
        q.addAfter("never", Duration.ofMillis(10));
        q.shutDown();
        assertEquals("a", q.take());
        assertEquals("b", q.take());
        Thread.sleep(30);
        assertNull(q.take(), "delayed keys are dropped at shut-down");
    }

    @Test
    void shutDownWithDrainWaitsForKeysInProgress() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        q.add("a");
        String key = q.take();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
            try {
                q.shutDownWithDrain();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(drain.isDone(), "drain must wait for the key being processed");
        q.done(key);
        drain.get(2, TimeUnit.SECONDS);
    }

    @Test
    void takeCanBeInterrupted() throws Exception {
        WorkQueue<String> q = new WorkQueue<>();
        List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                q.take();
            } catch (Throwable e) {
                thrown.add(e);
            }
        });
        t.start();
        Thread.sleep(50);
        t.interrupt();
        t.join(2000);
        assertEquals(1, thrown.size());
        assertTrue(thrown.get(0) instanceof InterruptedException);
    }

    @Test
    void badRateLimitsAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkQueue.RateLimit(Duration.ofSeconds(2), Duration.ofSeconds(1), 10, 100));
        assertTrue(e.getMessage().contains("maxDelay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new WorkQueue.RateLimit(Duration.ofMillis(5), Duration.ofSeconds(1), 10, 0));
        assertTrue(e.getMessage().contains("burst"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new WorkQueue<String>().add(null));
    }

    private static String takeQuietly(WorkQueue<String> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }
}
