package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.WatchEvent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A consistent, read-only view of the store as of one published revision. Readers never lock: the writer
 * creates a snapshot right after each commit (read-only copies of the maps' roots; MVStore's copy-on-write
 * pages keep them intact while the writer goes on) and publishes it once the commit is durable.
 * <p>
 * A snapshot pins an MVStore version ({@link MVStore#registerVersionUsage()}) so that the file chunks its
 * pages live in are not reused while a reader still walks them; the pin is dropped when the snapshot is no
 * longer current and its last reader released it.
 */
final class Snapshot {
    final long revision;
    final long compactedRevision;
    private final MVStore mvStore;
    private final MVMap<String, StoredValue> kv;
    private final MVMap<Long, List<Change>> history;
    private final MVStore.TxCounter pin;
    /** One reference is held by the store while this snapshot is current, one by each reader. */
    private final AtomicInteger references = new AtomicInteger(1);

    /** Must be called with no map changes since the last commit (under the store's write lock). */
    Snapshot(MVStore mvStore, MVMap<String, StoredValue> kv, MVMap<Long, List<Change>> history,
            long revision, long compactedRevision) {
        this.mvStore = mvStore;
        this.revision = revision;
        this.compactedRevision = compactedRevision;
        this.pin = mvStore.registerVersionUsage();
        this.kv = readOnlyCopy(kv, mvStore);
        this.history = readOnlyCopy(history, mvStore);
    }

    /** The map as committed, detached from later writes; unlike a bare root it also answers key indexes. */
    private static <K, V> MVMap<K, V> readOnlyCopy(MVMap<K, V> map, MVStore mvStore) {
        MVMap<K, V> copy = map.openVersion(mvStore.getCurrentVersion());
        if (copy.getRootPage() != map.getRootPage()) {
            throw new IllegalStateException("the read-only view of map " + map.getName()
                    + " does not show its committed state");
        }
        return copy;
    }

    /** Takes a reader reference; false when the snapshot was already retired (read the newer one). */
    boolean retain() {
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                mvStore.deregisterVersionUsage(pin);
            } catch (RuntimeException closedMeanwhile) {
                // the store is gone; there is nothing left to unpin
            }
        }
    }

    StoredValue get(String key) {
        return kv.get(key);
    }

    /**
     * The keys under {@code prefix} after {@code startAfter}, in key order, with their values as of
     * {@code atRevision} (at most this snapshot's revision and above the compacted revision).
     */
    Scan scan(String prefix, String startAfter, long atRevision) {
        String from = startAfter != null && startAfter.compareTo(prefix) >= 0 ? startAfter : prefix;
        TreeMap<String, StoredValue> undone = atRevision < revision
                ? valuesBeforeLaterChanges(prefix, startAfter, atRevision)
                : new TreeMap<>();
        return new Scan(prefix, startAfter, kv.cursor(from), undone);
    }

    /**
     * For every key in range changed after {@code atRevision}: its value as of {@code atRevision}
     * (null when it did not exist then). This is the first later change's "before" value.
     */
    private TreeMap<String, StoredValue> valuesBeforeLaterChanges(String prefix, String startAfter, long atRevision) {
        TreeMap<String, StoredValue> undone = new TreeMap<>();
        Cursor<Long, List<Change>> later = history.cursor(atRevision + 1, revision, false);
        while (later.hasNext()) {
            later.next();
            for (Change change : later.getValue()) {
                String key = change.key();
                if (key.startsWith(prefix) && (startAfter == null || key.compareTo(startAfter) > 0)
                        && !undone.containsKey(key)) {
                    undone.put(key, change.before());
                }
            }
        }
        return undone;
    }

    /** How many keys are under {@code prefix} in this snapshot: O(log n), from the B-tree's page counts. */
    long count(String prefix) {
        String end = prefixEnd(prefix);
        return (end == null ? kv.sizeAsLong() : rank(end)) - rank(prefix);
    }

    /** How many keys are smaller than {@code key}. */
    private long rank(String key) {
        long index = kv.getKeyIndex(key);
        return index >= 0 ? index : -(index + 1);
    }

    /** The smallest string greater than every string that starts with {@code prefix}; null when none is. */
    private static String prefixEnd(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == Character.MAX_VALUE) {
            end--;
        }
        return end == 0 ? null : prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
    }

    /**
     * The events under {@code prefix} of revisions {@code from..to} (inclusive, within this snapshot),
     * reading at most {@code maxRevisions} revisions; the caller continues after the last revision read.
     *
     * @return the last revision read (from - 1 when nothing was read)
     */
    long collectEvents(String prefix, long from, long to, int maxRevisions, List<WatchEvent> into) {
        long last = from - 1;
        Cursor<Long, List<Change>> cursor = history.cursor(from, Math.min(to, revision), false);
        int read = 0;
        while (read < maxRevisions && cursor.hasNext()) {
            long changeRevision = cursor.next();
            for (Change change : cursor.getValue()) {
                if (change.key().startsWith(prefix)) {
                    into.add(change.toEvent(changeRevision));
                }
            }
            last = changeRevision;
            read++;
        }
        if (read < maxRevisions) {
            // nothing else exists up to the end of the requested span
            last = Math.min(to, revision);
        }
        return last;
    }

    /**
     * The current keys merged with the undone ones (an undone key with a null value did not exist at the
     * requested revision), in key order.
     */
    final class Scan implements Iterator<Map.Entry<String, StoredValue>> {
        private final String prefix;
        private final String startAfter;
        private final Cursor<String, StoredValue> current;
        private final TreeMap<String, StoredValue> undoneByKey;
        private final Iterator<Map.Entry<String, StoredValue>> undone;
        private String currentKey;
        private StoredValue currentValue;
        private Map.Entry<String, StoredValue> undoneEntry;
        private Map.Entry<String, StoredValue> next;

        Scan(String prefix, String startAfter, Cursor<String, StoredValue> current, TreeMap<String, StoredValue> undone) {
            this.prefix = prefix;
            this.startAfter = startAfter;
            this.current = current;
            this.undoneByKey = undone;
            this.undone = undone.entrySet().iterator();
            advanceCurrent();
            undoneEntry = this.undone.hasNext() ? this.undone.next() : null;
        }

        private void advanceCurrent() {
            currentKey = null;
            currentValue = null;
            while (current.hasNext()) {
                String key = current.next();
                if (!key.startsWith(prefix)) {
                    return;
                }
                if (startAfter != null && key.compareTo(startAfter) <= 0) {
                    continue;
                }
                currentKey = key;
                currentValue = current.getValue();
                return;
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (currentKey == null && undoneEntry == null) {
                    return false;
                }
                int order = currentKey == null ? 1
                        : undoneEntry == null ? -1
                        : currentKey.compareTo(undoneEntry.getKey());
                if (order < 0) {
                    // a key that did not change since the requested revision
                    next = Map.entry(currentKey, currentValue);
                    advanceCurrent();
                } else {
                    if (undoneEntry.getValue() != null) {
                        next = Map.entry(undoneEntry.getKey(), undoneEntry.getValue());
                    }
                    if (order == 0) {
                        advanceCurrent();
                    }
                    undoneEntry = undone.hasNext() ? undone.next() : null;
                }
            }
            return true;
        }

        @Override
        public Map.Entry<String, StoredValue> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, StoredValue> result = next;
            next = null;
            return result;
        }

        /**
         * How many keys of the scanned state come after {@code lastKey} (a key this scan returned), counted
         * from the B-tree's page counts and corrected by the keys that changed since, without walking them.
         */
        long remainingAfter(String lastKey) {
            String end = prefixEnd(prefix);
            long currentAfter = (end == null ? kv.sizeAsLong() : rank(end)) - rank(lastKey)
                    - (kv.containsKey(lastKey) ? 1 : 0);
            for (Map.Entry<String, StoredValue> changed : undoneByKey.tailMap(lastKey, false).entrySet()) {
                boolean existsNow = kv.containsKey(changed.getKey());
                boolean existedThen = changed.getValue() != null;
                if (existsNow != existedThen) {
                    currentAfter += existedThen ? 1 : -1;
                }
            }
            return currentAfter;
        }
    }
}
