package io.kubelix.store.embedded.impl;

import static io.kubelix.store.embedded.impl.StoreTestSupport.bytes;
import static io.kubelix.store.embedded.impl.StoreTestSupport.delete;
import static io.kubelix.store.embedded.impl.StoreTestSupport.put;
import static io.kubelix.store.embedded.impl.StoreTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.RangeResult;
import io.kubelix.api.store.StoreException;
import io.kubelix.api.store.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RangeTest extends OpenStoreTest {
    @Test
    void rangeReturnsThePrefixInKeyOrder() {
        put(store, "/pods/ns1/b", "b");
        put(store, "/pods/ns1/a", "a");
        put(store, "/pods/ns10/x", "x");
        put(store, "/pods/ns2/c", "c");
        put(store, "/services/ns1/a", "s");
        put(store, "/pods", "not under /pods/");

        RangeResult all = store.range(RangeRequest.prefix("/pods/"));
        assertEquals(List.of("/pods/ns1/a", "/pods/ns1/b", "/pods/ns10/x", "/pods/ns2/c"), keys(all));
        assertEquals(store.revision(), all.revision());
        assertFalse(all.more());
        assertEquals(0, all.remaining());

        assertEquals(List.of("/pods/ns1/a", "/pods/ns1/b"), keys(store.range(RangeRequest.prefix("/pods/ns1/"))));
        assertEquals(6, store.range(RangeRequest.prefix("")).kvs().size(), "the empty prefix is every key");
        assertTrue(store.range(RangeRequest.prefix("/nodes/")).kvs().isEmpty());
    }

    @Test
    void limitAndStartAfterPaginate() {
        for (int i = 0; i < 10; i++) {
            put(store, "/p/" + i, "v" + i);
        }
        RangeResult first = store.range(new RangeRequest("/p/", null, 0, 4));
        assertEquals(List.of("/p/0", "/p/1", "/p/2", "/p/3"), keys(first));
        assertTrue(first.more());
        assertEquals(6, first.remaining());

        RangeResult second = store.range(new RangeRequest("/p/", "/p/3", first.revision(), 4));
        assertEquals(List.of("/p/4", "/p/5", "/p/6", "/p/7"), keys(second));
        assertEquals(2, second.remaining());

        RangeResult last = store.range(new RangeRequest("/p/", "/p/7", first.revision(), 4));
        assertEquals(List.of("/p/8", "/p/9"), keys(last));
        assertFalse(last.more());
        assertEquals(0, last.remaining());

        assertEquals(List.of("/p/0"), keys(store.range(new RangeRequest("/p/", "/a", 0, 1))),
                "a startAfter before the prefix starts at the prefix");
        assertTrue(store.range(new RangeRequest("/p/", "/p/9", 0, 0)).kvs().isEmpty());
    }

    @Test
    void rangeAtAPastRevisionShowsThatState() {
        long r1 = put(store, "/k/a", "a1").revision();
        put(store, "/k/b", "b1");
        long r3 = put(store, "/k/a", "a2").revision();
        delete(store, "/k/b");
        put(store, "/k/c", "c1");
        store.txn(new Txn(List.of(), List.of(Op.put("/k/a", bytes("a3")), Op.put("/k/b", bytes("b2"))), List.of()));

        assertEquals(Map.of("/k/a", "a1"), values(store.range(new RangeRequest("/k/", null, r1, 0))));
        assertEquals(Map.of("/k/a", "a2", "/k/b", "b1"), values(store.range(new RangeRequest("/k/", null, r3, 0))));
        assertEquals(Map.of("/k/a", "a2"), values(store.range(new RangeRequest("/k/", null, r3 + 1, 0))));
        assertEquals(Map.of("/k/a", "a3", "/k/b", "b2", "/k/c", "c1"), values(store.range(RangeRequest.prefix("/k/"))));

        KeyValue pastA = store.range(new RangeRequest("/k/", null, r3, 0)).kvs().get(0);
        assertEquals(1, pastA.createRevision());
        assertEquals(r3, pastA.modRevision());
        assertEquals(2, pastA.version(), "a past value keeps its own bookkeeping");
        assertEquals(r3, store.range(new RangeRequest("/k/", null, r3, 0)).revision());
    }

    @Test
    void pagesAtOneRevisionStayConsistentWhileWritesContinue() {
        for (int i = 0; i < 50; i++) {
            put(store, String.format("/pods/p%03d", i), "v0");
        }
        Map<String, String> expected = values(store.range(RangeRequest.prefix("/pods/")));
        RangeResult page = store.range(new RangeRequest("/pods/", null, 0, 7));
        long listRevision = page.revision();
        Map<String, String> listed = new TreeMap<>(values(page));
        int round = 0;
        while (page.more()) {
            // between pages: update listed and unlisted keys, delete some, create new ones inside the range
            round++;
            put(store, String.format("/pods/p%03d", round), "changed");
            put(store, String.format("/pods/p%03d", 49 - round), "changed");
            delete(store, String.format("/pods/p%03d", 20 + round));
            put(store, String.format("/pods/p%03da", round * 3), "new");
            String last = page.kvs().get(page.kvs().size() - 1).key();
            page = store.range(new RangeRequest("/pods/", last, listRevision, 7));
            assertEquals(listRevision, page.revision());
            for (KeyValue kv : page.kvs()) {
                assertTrue(kv.modRevision() <= listRevision, "no page shows a change after the list revision");
                listed.put(kv.key(), text(kv));
            }
        }
        assertEquals(expected, listed);
        assertEquals(50, listed.size());
    }

    @Test
    void pastRangesMatchAModelOfEveryRevision() {
        Random random = new Random(42);
        List<TreeMap<String, String>> states = new ArrayList<>();
        states.add(new TreeMap<>());
        TreeMap<String, String> model = new TreeMap<>();
        String[] prefixes = {"/a/", "/b/", "/a/x/"};
        for (int i = 0; i < 400; i++) {
            List<Op> ops = new ArrayList<>();
            java.util.Set<String> touched = new java.util.HashSet<>();
            int n = 1 + random.nextInt(3);
            for (int j = 0; j < n; j++) {
                String key = prefixes[random.nextInt(prefixes.length)] + random.nextInt(15);
                if (!touched.add(key)) {
                    continue;
                }
                if (random.nextInt(4) == 0) {
                    ops.add(Op.delete(key));
                } else {
                    ops.add(Op.put(key, bytes("v" + i + "-" + j)));
                }
            }
            TreeMap<String, String> next = new TreeMap<>(model);
            for (Op op : ops) {
                if (op instanceof Op.Put p) {
                    next.put(p.key(), new String(p.value(), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    next.remove(op.key());
                }
            }
            long before = store.revision();
            long after = store.txn(new Txn(List.of(), ops, List.of())).revision();
            if (!next.equals(model)) {
                assertEquals(before + 1, after);
                states.add(next);
                model = next;
            } else {
                assertEquals(before, after, "a transaction that changes nothing makes no revision");
            }
        }
        assertEquals(states.size() - 1, store.revision());
        for (int check = 0; check < 300; check++) {
            int revision = 1 + random.nextInt(states.size() - 1);
            String prefix = random.nextBoolean() ? "/" : prefixes[random.nextInt(prefixes.length)];
            int limit = random.nextInt(6);
            Map<String, String> state = states.get(revision).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            List<String> stateKeys = new ArrayList<>(state.keySet());
            String startAfter = stateKeys.isEmpty() || random.nextBoolean() ? null
                    : stateKeys.get(random.nextInt(stateKeys.size()));
            List<String> expectedKeys = stateKeys.stream()
                    .filter(k -> startAfter == null || k.compareTo(startAfter) > 0).toList();
            RangeResult result = store.range(new RangeRequest(prefix, startAfter, revision, limit));
            List<String> wanted = limit == 0 ? expectedKeys : expectedKeys.subList(0, Math.min(limit, expectedKeys.size()));
            assertEquals(wanted, keys(result), "keys at revision " + revision + " under " + prefix);
            for (KeyValue kv : result.kvs()) {
                assertEquals(state.get(kv.key()), text(kv));
                assertTrue(kv.modRevision() <= revision);
            }
            assertEquals(expectedKeys.size() - wanted.size(), result.remaining());
            assertEquals(result.remaining() > 0, result.more());
        }
    }

    @Test
    void countCountsKeysUnderAPrefix() {
        for (int i = 0; i < 25; i++) {
            put(store, "/pods/" + i, "x");
        }
        put(store, "/pods", "x");
        put(store, "/podsX/1", "x");
        delete(store, "/pods/3");
        assertEquals(24, store.count("/pods/"));
        assertEquals(27 - 1, store.count(""));
        assertEquals(0, store.count("/nodes/"));
        put(store, "/z\uffff/1", "x");
        put(store, "/z\uffff\uffff", "x");
        assertEquals(2, store.count("/z\uffff"));
        assertEquals(1, store.count("/z\uffff\uffff"));
    }

    @Test
    void aFutureRevisionIsRefusedClearly() {
        put(store, "/a", "1");
        StoreException e = assertThrows(StoreException.class,
                () -> store.range(new RangeRequest("/", null, 5, 0)));
        assertTrue(e.getMessage().contains("revision 5 is in the future"), e.getMessage());
    }

    @Test
    void compactedRevisionsAreRefused() {
        for (int i = 0; i < 10; i++) {
            put(store, "/a/" + (i % 3), "v" + i);
        }
        store.compact(6);
        assertEquals(6, store.compactedRevision());
        CompactedException e = assertThrows(CompactedException.class,
                () -> store.range(new RangeRequest("/a/", null, 6, 0)));
        assertEquals(6, e.compactedRevision());
        assertThrows(CompactedException.class, () -> store.range(new RangeRequest("/a/", null, 1, 0)));
        assertEquals(Map.of("/a/0", "v6", "/a/1", "v7", "/a/2", "v5"),
                values(store.range(new RangeRequest("/a/", null, 8, 0))), "revisions after the compaction still read");
        assertEquals(3, store.range(RangeRequest.prefix("/a/")).kvs().size(), "current values are kept");
    }

    @Test
    void badRequestsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.range(new RangeRequest(null, null, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> store.range(new RangeRequest("/", null, 0, -1)));
        assertThrows(IllegalArgumentException.class, () -> store.range(new RangeRequest("/", null, -2, 0)));
        assertThrows(IllegalArgumentException.class, () -> store.get(""));
    }

    static List<String> keys(RangeResult result) {
        return result.kvs().stream().map(KeyValue::key).toList();
    }

    static Map<String, String> values(RangeResult result) {
        Map<String, String> values = new TreeMap<>();
        for (KeyValue kv : result.kvs()) {
            values.put(kv.key(), text(kv));
        }
        return values;
    }
}
