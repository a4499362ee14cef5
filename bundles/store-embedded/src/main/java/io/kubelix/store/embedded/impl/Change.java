package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.WatchEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * One key's change in one revision: the history entry that both replays a watch (forwards) and
 * reconstructs a past state (backwards, through {@code before}).
 *
 * @param key    the key
 * @param after  the new value, or null when the key was deleted
 * @param before the value before the change, or null when the key was created
 */
record Change(String key, StoredValue after, StoredValue before) {
    private static final byte HAS_AFTER = 1;
    private static final byte HAS_BEFORE = 2;

    boolean isDelete() {
        return after == null;
    }

    /** The event a watch delivers; every value array is a fresh copy, so listeners cannot reach the store's own. */
    WatchEvent toEvent(long revision) {
        KeyValue prevKv = before == null ? null : before.toKeyValue(key);
        if (after != null) {
            return new WatchEvent(WatchEvent.Type.PUT, after.toKeyValue(key), prevKv, revision);
        }
        // as in etcd, a deleted key has version 0; the value is the one it had when removed
        KeyValue tombstone = new KeyValue(key, before.value().clone(), before.createRevision(), revision, 0);
        return new WatchEvent(WatchEvent.Type.DELETE, tombstone, prevKv, revision);
    }

    /** The MVStore serialisation of the {@code history} map's values: every change of one revision. */
    static final class ListType extends BasicDataType<List<Change>> {
        static final ListType INSTANCE = new ListType();

        @Override
        public int getMemory(List<Change> changes) {
            int memory = 48;
            for (Change change : changes) {
                memory += 48 + 2 * change.key.length();
                if (change.after != null) {
                    memory += StoredValue.memory(change.after);
                }
                if (change.before != null) {
                    memory += StoredValue.memory(change.before);
                }
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, List<Change> changes) {
            buffer.putVarInt(changes.size());
            for (Change change : changes) {
                byte flags = (byte) ((change.after != null ? HAS_AFTER : 0) | (change.before != null ? HAS_BEFORE : 0));
                buffer.put(flags);
                buffer.putVarInt(change.key.length()).putStringData(change.key, change.key.length());
                if (change.after != null) {
                    StoredValue.write(buffer, change.after);
                }
                if (change.before != null) {
                    StoredValue.write(buffer, change.before);
                }
            }
        }

        @Override
        public List<Change> read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            List<Change> changes = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                byte flags = buffer.get();
                String key = DataUtils.readString(buffer);
                StoredValue after = (flags & HAS_AFTER) != 0 ? StoredValue.read(buffer) : null;
                StoredValue before = (flags & HAS_BEFORE) != 0 ? StoredValue.read(buffer) : null;
                changes.add(new Change(key, after, before));
            }
            return List.copyOf(changes);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Change>[] createStorage(int size) {
            return new List[size];
        }
    }
}
