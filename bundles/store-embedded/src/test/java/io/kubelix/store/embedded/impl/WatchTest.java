package io.kubelix.store.embedded.impl;

import static io.kubelix.store.embedded.impl.StoreTestSupport.await;
import static io.kubelix.store.embedded.impl.StoreTestSupport.bytes;
import static io.kubelix.store.embedded.impl.StoreTestSupport.delete;
import static io.kubelix.store.embedded.impl.StoreTestSupport.put;
import static io.kubelix.store.embedded.impl.StoreTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.StoreException;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.Watch;
import io.kubelix.api.store.WatchEvent;
import io.kubelix.api.store.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WatchTest extends OpenStoreTest {
    /** Records what a watch delivered, and on which thread. */
    static class Recorder implements WatchListener {
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> closedWith = new AtomicReference<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(WatchEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        @Override
        public void onClosed(Throwable cause) {
            closedWith.set(cause);
            closed.countDown();
        }

        List<Long> revisions() {
            return events.stream().map(WatchEvent::revision).toList();
        }
    }

    @Test
    void fromRevisionZeroDeliversOnlyLaterChanges() throws Exception {
        put(store, "/pods/a", "before");
        Recorder recorder = new Recorder();
        Watch watch = store.watch("/pods/", 0, recorder);
        long r2 = put(store, "/pods/a", "after").revision();
        put(store, "/services/x", "other prefix");
        long r4 = put(store, "/pods/b", "new").revision();
        await("two events", () -> recorder.events.size() == 2);
        assertEquals(List.of(r2, r4), recorder.revisions());
        watch.close();
        assertTrue(recorder.threads.stream().allMatch(t -> t.startsWith("kubelix-store-watch")),
                "listeners run on the store's threads, not the writer's: " + recorder.threads);
    }

    @Test
    void eventsCarryTheNewAndThePreviousValue() throws Exception {
        Recorder recorder = new Recorder();
        store.watch("/k", 0, recorder);
        long created = put(store, "/k", "v1").revision();
        long updated = put(store, "/k", "v2").revision();
        long deleted = delete(store, "/k").revision();
        await("three events", () -> recorder.events.size() == 3);

        WatchEvent create = recorder.events.get(0);
        assertEquals(WatchEvent.Type.PUT, create.type());
        assertEquals("v1", text(create.kv()));
        assertEquals(created, create.kv().modRevision());
        assertNull(create.prevKv());

        WatchEvent update = recorder.events.get(1);
        assertEquals("v2", text(update.kv()));
        assertEquals(2, update.kv().version());
        assertEquals("v1", text(update.prevKv()));
        assertEquals(created, update.prevKv().modRevision());

        WatchEvent delete = recorder.events.get(2);
        assertEquals(WatchEvent.Type.DELETE, delete.type());
        assertEquals(deleted, delete.revision());
        assertEquals(deleted, delete.kv().modRevision(), "a DELETE's kv carries the deleting revision");
        assertEquals("v2", text(delete.kv()), "and the value the key had when removed");
        assertEquals(updated, delete.prevKv().modRevision());
    }

    @Test
    void replayFromThePastThenLiveHasNoGapAndNoDuplicate() throws Exception {
        int writers = 3;
        int writesPerWriter = 150;
        // history before the watch starts
        for (int i = 0; i < 40; i++) {
            put(store, "/w/seed-" + (i % 7), "s" + i);
            put(store, "/other/" + i, "not watched");
        }
        long from = 11;
        ConcurrentHashMap<Long, String> watchedRevisions = new ConcurrentHashMap<>();
        for (long r = from; r <= store.revision(); r++) {
            // seeds were written at odd revisions
            if (r % 2 == 1) {
                watchedRevisions.put(r, "seed");
            }
        }
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < writesPerWriter; i++) {
                    long r = put(store, "/w/" + writer + "-" + (i % 10), "x" + i).revision();
                    watchedRevisions.put(r, "live");
                    if (i % 3 == 0) {
                        put(store, "/other/" + writer, "not watched");
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        Recorder recorder = new Recorder();
        long seeded = store.revision();
        go.countDown();
        // start the watch while the writers run, from a revision in the past
        await("the writers to get going", () -> store.revision() > seeded + 30);
        store.watch("/w/", from, recorder);
        assertTrue(store.revision() < seeded + writers * writesPerWriter * 4 / 3, "the writers are still running");
        for (Thread thread : threads) {
            thread.join();
        }
        int expected = watchedRevisions.size();
        await(expected + " events", () -> recorder.events.size() >= expected);
        Thread.sleep(50);
        List<Long> delivered = recorder.revisions();
        List<Long> wanted = new ArrayList<>(watchedRevisions.keySet());
        Collections.sort(wanted);
        assertEquals(wanted, delivered, "every watched revision from " + from + " on, once, in order");
        assertTrue(recorder.events.stream().allMatch(e -> e.kv().key().startsWith("/w/")));
    }

    @Test
    void aWatchFromAFutureRevisionStartsThere() throws Exception {
        put(store, "/f", "1");
        Recorder recorder = new Recorder();
        store.watch("/f", 3, recorder);
        put(store, "/f", "2");
        long r3 = put(store, "/f", "3").revision();
        await("one event", () -> recorder.events.size() == 1);
        assertEquals(List.of(r3), recorder.revisions());
    }

    @Test
    void closeStopsDelivery() throws Exception {
        Recorder recorder = new Recorder();
        Watch watch = store.watch("/c", 0, recorder);
        put(store, "/c", "1");
        await("first event", () -> recorder.events.size() == 1);
        watch.close();
        put(store, "/c", "2");
        put(store, "/c", "3");
        Thread.sleep(100);
        assertEquals(1, recorder.events.size());
        assertEquals(0, store.watchCount());
        assertNull(recorder.closedWith.get(), "closing by the owner is no onClosed");
    }

    @Test
    void closingTheStoreClosesEveryWatch() throws Exception {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        store.watch("/a", 0, first);
        store.watch("/b", 1, second);
        store.close();
        assertTrue(first.closed.await(5, TimeUnit.SECONDS));
        assertTrue(second.closed.await(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, first.closedWith.get());
        assertThrows(StoreException.class, () -> store.watch("/a", 0, new Recorder()));
        assertThrows(StoreException.class, () -> put(store, "/a", "after close"));
    }

    @Test
    void aListenerThatFallsTooFarBehindIsDropped() throws Exception {
        store.close();
        store = MvKeyValueStore.open(dir.resolve("small-queue.mv"), MvKeyValueStore.Settings.defaults()
                .withCompactionInterval(Duration.ZERO).withMaxPendingWatchEvents(20));
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onEvent(WatchEvent event) {
                super.onEvent(event);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Recorder healthy = new Recorder();
        store.watch("/s", 0, slow);
        store.watch("/s", 0, healthy);
        for (int i = 0; i < 40; i++) {
            put(store, "/s", "v" + i);
        }
        await("the healthy watch gets everything", () -> healthy.events.size() == 40);
        release.countDown();
        assertTrue(slow.closed.await(10, TimeUnit.SECONDS), "the slow watch is told it was dropped");
        assertTrue(slow.closedWith.get().getMessage().contains("fell more than 20 events behind"),
                slow.closedWith.get().getMessage());
        assertTrue(slow.events.size() < 40);
        assertEquals(1, store.watchCount());
        assertNull(healthy.closedWith.get());
    }

    @Test
    void aFailingListenerIsClosedWithItsException() throws Exception {
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        store.watch("/boom", 0, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onClosed(Throwable cause) {
                closedWith.set(cause);
                closed.countDown();
            }
        });
        put(store, "/boom", "1");
        assertTrue(closed.await(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, closedWith.get().getCause());
        put(store, "/boom", "2");
        assertEquals(0, store.watchCount());
    }

    @Test
    void compactedRevisionsCannotBeWatched() throws Exception {
        for (int i = 0; i < 10; i++) {
            put(store, "/c", "v" + i);
        }
        store.compact(5);
        CompactedException e = assertThrows(CompactedException.class, () -> store.watch("/c", 5, new Recorder()));
        assertEquals(5, e.compactedRevision());
        assertThrows(CompactedException.class, () -> store.watch("/c", 1, new Recorder()));
        Recorder recorder = new Recorder();
        store.watch("/c", 6, recorder);
        await("the history after the compaction", () -> recorder.events.size() == 5);
        assertEquals(List.of(6L, 7L, 8L, 9L, 10L), recorder.revisions());
    }

    @Test
    void multiKeyTransactionsAreDeliveredAsEventsOfOneRevision() throws Exception {
        Recorder recorder = new Recorder();
        store.watch("/m/", 0, recorder);
        long revision = store.txn(new Txn(List.of(), List.of(Op.put("/m/a", bytes("1")), Op.put("/m/b", bytes("2")),
                Op.put("/elsewhere", bytes("3"))), List.of())).revision();
        await("two events", () -> recorder.events.size() == 2);
        assertEquals(List.of(revision, revision), recorder.revisions());
        assertNotEquals(recorder.events.get(0).kv().key(), recorder.events.get(1).kv().key());
    }
}
