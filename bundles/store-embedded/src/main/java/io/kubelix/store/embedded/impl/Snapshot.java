package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.WatchEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RootReference;

/**
 * A consistent, read-only view of the store as of one published revision. Readers never lock: the writer
 * publishes a new snapshot after each durable commit, and MVStore's copy-on-write pages keep the old roots
 * intact.
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
    private final RootReference<String, StoredValue> kvRoot;
    private final MVMap<Long, List<Change>> history;
    private final RootReference<Long, List<Change>> historyRoot;
    private final MVStore.TxCounter pin;
    /** One reference is held by the store while this snapshot is current, one by each reader. */
    private final AtomicInteger references = new AtomicInteger(1);

    Snapshot(MVStore mvStore, MVMap<String, StoredValue> kv, MVMap<Long, List<Change>> history,
            long revision, long compactedRevision) {
        this.mvStore = mvStore;
        this.kv = kv;
        this.history = history;
        this.revision = revision;
        this.compactedRevision = compactedRevision;
        this.pin = mvStore.registerVersionUsage();
        this.kvRoot = kv.flushAndGetRoot();
        this.historyRoot = history.flushAndGetRoot();
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
        return kv.get(kvRoot.root, key);
    }

    /**
     * The keys under {@code prefix} after {@code startAfter}, in key order, with their values as of
     * {@code atRevision} (at most this snapshot's revision and above the compacted revision).
     */
    Iterator<Map.Entry<String, StoredValue>> entries(String prefix, String startAfter, long atRevision) {
        String from = startAfter != null && startAfter.compareTo(prefix) >= 0 ? startAfter : prefix;
        Cursor<String, StoredValue> current = kv.cursor(kvRoot, from, null, false);
        TreeMap<String, StoredValue> undone = atRevision < revision
                ? valuesBeforeLaterChanges(prefix, startAfter, atRevision)
                : new TreeMap<>();
        return new MergedEntries(prefix, startAfter, current, undone);
    }

    /**
     * For every key in range changed after {@code atRevision}: its value as of {@code atRevision}
     * (null when it did not exist then). This is the first later change's "before" value.
     */
    private TreeMap<String, StoredValue> valuesBeforeLaterChanges(String prefix, String startAfter, long atRevision) {
        TreeMap<String, StoredValue> undone = new TreeMap<>();
        Cursor<Long, List<Change>> later = history.cursor(historyRoot, atRevision + 1, revision, false);
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

    /** How many keys are under {@code prefix} in this snapshot. */
    long count(String prefix) {
        Cursor<String, StoredValue> cursor = kv.cursor(kvRoot, prefix, null, false);
        long count = 0;
        while (cursor.hasNext() && cursor.next().startsWith(prefix)) {
            count++;
        }
        return count;
    }

    /**
     * The events under {@code prefix} of revisions {@code from..to} (inclusive, within this snapshot),
     * reading at most {@code maxRevisions} revisions; the caller continues after the last revision read.
     *
     * @return the last revision read (from - 1 when nothing was read)
     */
    long collectEvents(String prefix, long from, long to, int maxRevisions, List<WatchEvent> into) {
        long last = from - 1;
        Cursor<Long, List<Change>> cursor = history.cursor(historyRoot, from, Math.min(to, revision), false);
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

    /** The current keys merged with the undone ones; an undone key with a null value did not exist. */
    private static final class MergedEntries implements Iterator<Map.Entry<String, StoredValue>> {
        private final String prefix;
        private final String startAfter;
        private final Cursor<String, StoredValue> current;
        private final Iterator<Map.Entry<String, StoredValue>> undone;
        private String currentKey;
        private StoredValue currentValue;
        private Map.Entry<String, StoredValue> undoneEntry;
        private Map.Entry<String, StoredValue> next;

        MergedEntries(String prefix, String startAfter, Cursor<String, StoredValue> current,
                TreeMap<String, StoredValue> undone) {
            this.prefix = prefix;
            this.startAfter = startAfter;
            this.current = current;
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
    }
}
