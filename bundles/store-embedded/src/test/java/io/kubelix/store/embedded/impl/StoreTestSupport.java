package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the store tests. */
final class StoreTestSupport {
    /** Synced writes (the default), no periodic compaction: tests compact explicitly. */
    static MvKeyValueStore open(Path file) {
        return MvKeyValueStore.open(file, MvKeyValueStore.Settings.defaults().withCompactionInterval(Duration.ZERO));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }

    static TxnResult put(MvKeyValueStore store, String key, String value) {
        return store.txn(new Txn(List.of(), List.of(Op.put(key, bytes(value))), List.of()));
    }

    static TxnResult delete(MvKeyValueStore store, String key) {
        return store.txn(new Txn(List.of(), List.of(Op.delete(key)), List.of()));
    }

    static TxnResult create(MvKeyValueStore store, String key, String value) {
        return store.txn(Txn.when(Compare.absent(key), Op.put(key, bytes(value)), Op.get(key)));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private StoreTestSupport() {
    }
}
