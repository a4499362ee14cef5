package io.kubelix.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The object store. Implementations are registered as OSGi services with the property
 * {@code kubelix.store.name} (for example {@code embedded} or {@code etcd}).
 * <p>
 * Guarantees every implementation gives:
 * <ul>
 * <li>a transaction either happens whole or not at all, and once {@link #txn} returns, the write
 * survives a crash of the process;</li>
 * <li>revisions only grow; every transaction that writes gets exactly one new revision;</li>
 * <li>a watch sees every change under its prefix from its start revision on, in order, once.</li>
 * </ul>
 */
@ProviderType
public interface KeyValueStore {
    /** The service property that names a store implementation. */
    String NAME_PROPERTY = "kubelix.store.name";

    /** The revision of the latest write (0 for an empty store). */
    long revision();

    /** Revisions at or below this one are gone from history; 0 when nothing was compacted. */
    long compactedRevision();

    /** The current value of one key. */
    Optional<KeyValue> get(String key);

    /** A read of a key range at a revision. */
    RangeResult range(RangeRequest request);

    /** How many keys are under a prefix now. */
    long count(String prefix);

    /** Runs an atomic transaction. */
    TxnResult txn(Txn txn);

    /**
     * Starts a watch on a prefix.
     *
     * @param fromRevision the first revision to deliver (inclusive); 0 for changes after now only
     * @throws CompactedException when {@code fromRevision} is at or below the compacted revision
     */
    Watch watch(String prefix, long fromRevision, WatchListener listener);

    /** Drops history at and below {@code revision}; the current value of every key is kept. */
    void compact(long revision);
}
