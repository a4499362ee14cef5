package io.kubelix.store.embedded.impl;

import static io.kubelix.store.embedded.impl.StoreTestSupport.bytes;
import static io.kubelix.store.embedded.impl.StoreTestSupport.create;
import static io.kubelix.store.embedded.impl.StoreTestSupport.delete;
import static io.kubelix.store.embedded.impl.StoreTestSupport.put;
import static io.kubelix.store.embedded.impl.StoreTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TxnTest extends OpenStoreTest {
    @Test
    void emptyStoreStartsAtRevisionZero() {
        assertEquals(0, store.revision());
        assertEquals(0, store.compactedRevision());
        assertTrue(store.get("/a").isEmpty());
    }

    @Test
    void createSucceedsOnceThenConflicts() {
        TxnResult first = create(store, "/pods/web", "v1");
        assertTrue(first.succeeded());
        assertEquals(1, first.revision());
        KeyValue created = first.results().get(0);
        assertEquals(new KeyValueView("/pods/web", "v1", 1, 1, 1), KeyValueView.of(created));

        TxnResult second = create(store, "/pods/web", "v2");
        assertFalse(second.succeeded());
        assertEquals(1, second.revision(), "a failed compare that writes nothing makes no revision");
        assertEquals("v1", text(second.results().get(0)), "the failure branch's Get reads the existing value");
        assertEquals("v1", text(store.get("/pods/web").orElseThrow()));
    }

    @Test
    void updateAndDeleteNeedTheCurrentModRevision() {
        put(store, "/a", "1");
        long rev2 = put(store, "/a", "2").revision();

        TxnResult stale = store.txn(Txn.when(Compare.modRevision("/a", 1), Op.put("/a", bytes("3")), null));
        assertFalse(stale.succeeded());
        assertEquals(rev2, stale.revision());
        assertTrue(stale.results().isEmpty(), "an empty failure branch gives no results");
        assertEquals("2", text(store.get("/a").orElseThrow()));

        TxnResult fresh = store.txn(Txn.when(Compare.modRevision("/a", rev2), Op.put("/a", bytes("3")), null));
        assertTrue(fresh.succeeded());
        assertEquals(rev2 + 1, fresh.revision());

        TxnResult staleDelete = store.txn(Txn.when(Compare.modRevision("/a", rev2), Op.delete("/a"), null));
        assertFalse(staleDelete.succeeded());
        assertTrue(store.get("/a").isPresent());

        TxnResult delete = store.txn(Txn.when(Compare.modRevision("/a", fresh.revision()), Op.delete("/a"), null));
        assertTrue(delete.succeeded());
        assertEquals("3", text(delete.results().get(0)), "a Delete answers the value it removed");
        assertTrue(store.get("/a").isEmpty());

        assertTrue(store.txn(Txn.when(Compare.absent("/a"), Op.get("/a"), null)).succeeded(),
                "modRevision 0 compares true for an absent key");
    }

    @Test
    void versionAndRevisionsFollowEtcd() {
        KeyValue v1 = put(store, "/k", "a").results().get(0);
        put(store, "/other", "x");
        KeyValue v2 = put(store, "/k", "b").results().get(0);
        KeyValue v3 = put(store, "/k", "c").results().get(0);
        assertEquals(new KeyValueView("/k", "a", 1, 1, 1), KeyValueView.of(v1));
        assertEquals(new KeyValueView("/k", "b", 1, 3, 2), KeyValueView.of(v2));
        assertEquals(new KeyValueView("/k", "c", 1, 4, 3), KeyValueView.of(v3));
        assertEquals(KeyValueView.of(v3), KeyValueView.of(store.get("/k").orElseThrow()));

        delete(store, "/k");
        KeyValue recreated = put(store, "/k", "d").results().get(0);
        assertEquals(new KeyValueView("/k", "d", 6, 6, 1), KeyValueView.of(recreated),
                "a key created again starts over: new createRevision, version 1");
    }

    @Test
    void allOperationsOfATransactionShareOneRevision() {
        put(store, "/gone", "x");
        long before = store.revision();
        TxnResult result = store.txn(new Txn(List.of(Compare.absent("/a")),
                List.of(Op.put("/a", bytes("1")), Op.put("/b", bytes("2")), Op.delete("/gone"), Op.get("/a")),
                List.of()));
        assertTrue(result.succeeded());
        assertEquals(before + 1, result.revision());
        assertEquals(before + 1, store.revision());
        assertEquals(before + 1, store.get("/a").orElseThrow().modRevision());
        assertEquals(before + 1, store.get("/b").orElseThrow().modRevision());
        assertTrue(store.get("/gone").isEmpty());
        assertEquals("1", text(result.results().get(3)), "a Get sees the transaction's own earlier Put");
        assertEquals(before + 1, result.results().get(3).modRevision());
    }

    @Test
    void failedCompareRunsTheFailureBranch() {
        put(store, "/lock", "held");
        TxnResult result = store.txn(new Txn(List.of(Compare.absent("/lock")),
                List.of(Op.put("/lock", bytes("mine"))),
                List.of(Op.put("/waiting", bytes("me")), Op.get("/lock"))));
        assertFalse(result.succeeded());
        assertEquals(2, result.revision(), "the failure branch wrote, so it made a revision");
        assertEquals("me", text(store.get("/waiting").orElseThrow()));
        assertEquals("held", text(result.results().get(1)));
    }

    @Test
    void deletingAnAbsentKeyIsNotAnErrorAndMakesNoRevision() {
        put(store, "/a", "1");
        TxnResult result = delete(store, "/nothing");
        assertTrue(result.succeeded());
        assertEquals(1, result.revision());
        assertEquals(1, store.revision());
        assertEquals(1, result.results().size());
        assertNull(result.results().get(0));

        TxnResult getMissing = store.txn(new Txn(List.of(), List.of(Op.get("/nothing")), List.of()));
        assertNull(getMissing.results().get(0));
        assertEquals(1, store.revision());
    }

    @Test
    void failedTransactionLeavesEverythingUntouched() {
        put(store, "/a", "1");
        TxnResult result = store.txn(new Txn(List.of(Compare.absent("/a"), Compare.absent("/b")),
                List.of(Op.put("/a", bytes("2")), Op.put("/b", bytes("2"))), List.of()));
        assertFalse(result.succeeded());
        assertEquals("1", text(store.get("/a").orElseThrow()));
        assertTrue(store.get("/b").isEmpty());
        assertEquals(1, store.range(RangeRequest.prefix("/")).kvs().size());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] value = bytes("original");
        KeyValue result = store.txn(new Txn(List.of(), List.of(Op.put("/a", value)), List.of())).results().get(0);
        value[0] = 'X';
        result.value()[0] = 'Y';
        KeyValue read = store.get("/a").orElseThrow();
        read.value()[0] = 'Z';
        assertArrayEquals(bytes("original"), store.get("/a").orElseThrow().value());
    }

    @Test
    void badTransactionsAreRejectedWithAClearMessage() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> store.txn(
                new Txn(List.of(), List.of(Op.put("/a", bytes("1")), Op.delete("/a")), List.of())));
        assertTrue(twice.getMessage().contains("'/a' more than once"), twice.getMessage());
        IllegalArgumentException nullValue = assertThrows(IllegalArgumentException.class,
                () -> store.txn(new Txn(List.of(), List.of(new Op.Put("/a", null)), List.of())));
        assertTrue(nullValue.getMessage().contains("null value"), nullValue.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> store.txn(new Txn(List.of(), List.of(Op.put("", bytes("1"))), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> store.txn(new Txn(List.of(new Compare("/a", -1)), List.of(), List.of())));
        assertEquals(0, store.revision(), "nothing was written");
    }

    @Test
    void concurrentCompareAndSwapIncrementsLoseNoUpdate() throws Exception {
        put(store, "/counter", "0");
        int threads = 4;
        int incrementsPerThread = 50;
        AtomicInteger conflicts = new AtomicInteger();
        ConcurrentHashMap<Long, Boolean> revisions = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < incrementsPerThread; ) {
                    KeyValue current = store.get("/counter").orElseThrow();
                    int next = Integer.parseInt(text(current)) + 1;
                    TxnResult result = store.txn(Txn.when(Compare.modRevision("/counter", current.modRevision()),
                            Op.put("/counter", bytes(Integer.toString(next))), null));
                    if (result.succeeded()) {
                        assertTrue(revisions.putIfAbsent(result.revision(), true) == null, "revisions are unique");
                        i++;
                    } else {
                        conflicts.incrementAndGet();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        KeyValue counter = store.get("/counter").orElseThrow();
        assertEquals(threads * incrementsPerThread, Integer.parseInt(text(counter)));
        assertEquals(1 + threads * incrementsPerThread, counter.version());
        assertEquals(1 + threads * incrementsPerThread, store.revision(), "only successful writes made revisions");
    }

    /** KeyValue compares its byte[] by identity; this view compares by content. */
    record KeyValueView(String key, String value, long createRevision, long modRevision, long version) {
        static KeyValueView of(KeyValue kv) {
            return new KeyValueView(kv.key(), text(kv), kv.createRevision(), kv.modRevision(), kv.version());
        }
    }
}
