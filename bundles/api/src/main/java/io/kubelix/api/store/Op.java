package io.kubelix.api.store;

/** An operation of a transaction. */
public sealed interface Op {
    String key();

    /** Write {@code value} under {@code key}, creating it when absent. */
    record Put(String key, byte[] value) implements Op {
    }

    /** Remove {@code key}; removing an absent key is not an error and produces no event. */
    record Delete(String key) implements Op {
    }

    /** Read {@code key} inside the transaction (at the transaction's revision). */
    record Get(String key) implements Op {
    }

    static Op put(String key, byte[] value) {
        return new Put(key, value);
    }

    static Op delete(String key) {
        return new Delete(key);
    }

    static Op get(String key) {
        return new Get(key);
    }
}
