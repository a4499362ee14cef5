package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.KeyValue;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * What the store keeps for one key at one revision. The value array is owned by the store: it sits in
 * MVStore's page cache, so it is copied whenever it leaves the store.
 */
record StoredValue(long createRevision, long modRevision, long version, byte[] value) {

    KeyValue toKeyValue(String key) {
        return new KeyValue(key, value.clone(), createRevision, modRevision, version);
    }

    static void write(WriteBuffer buffer, StoredValue stored) {
        buffer.putVarLong(stored.createRevision)
                .putVarLong(stored.modRevision)
                .putVarLong(stored.version)
                .putVarInt(stored.value.length)
                .put(stored.value);
    }

    static StoredValue read(ByteBuffer buffer) {
        long createRevision = DataUtils.readVarLong(buffer);
        long modRevision = DataUtils.readVarLong(buffer);
        long version = DataUtils.readVarLong(buffer);
        byte[] value = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(value);
        return new StoredValue(createRevision, modRevision, version, value);
    }

    static int memory(StoredValue stored) {
        return 64 + stored.value.length;
    }

    /** The MVStore serialisation of the {@code kv} map's values. */
    static final class Type extends BasicDataType<StoredValue> {
        static final Type INSTANCE = new Type();

        @Override
        public int getMemory(StoredValue obj) {
            return memory(obj);
        }

        @Override
        public void write(WriteBuffer buffer, StoredValue obj) {
            StoredValue.write(buffer, obj);
        }

        @Override
        public StoredValue read(ByteBuffer buffer) {
            return StoredValue.read(buffer);
        }

        @Override
        public StoredValue[] createStorage(int size) {
            return new StoredValue[size];
        }
    }
}
