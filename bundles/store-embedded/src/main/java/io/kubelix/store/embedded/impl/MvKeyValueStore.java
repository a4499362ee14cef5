package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.Compare;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.KeyValueStore;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.RangeResult;
import io.kubelix.api.store.StoreException;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import io.kubelix.api.store.Watch;
import io.kubelix.api.store.WatchListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link KeyValueStore}: etcd v3 semantics on one H2 MVStore file. Usable without OSGi:
 * {@link #open(Path, Settings)}, then {@link #close()}.
 * <p>
 * Three maps in the file:
 * <ul>
 * <li>{@code kv}: key to its current {@link StoredValue} (value, createRevision, modRevision, version);</li>
 * <li>{@code history}: revision to the {@link Change}s of that revision, each with the value after and
 * before, so watches replay forwards and past reads undo backwards;</li>
 * <li>{@code meta}: the current and the compacted revision.</li>
 * </ul>
 * Writers are serialised by one lock; each writing transaction is applied to the maps and committed as one
 * MVStore chunk. Outside that lock the chunk is forced to disk (with {@link Settings#syncWrites()}; one force
 * covers every transaction committed meanwhile, a group commit), and only then published: to readers as a
 * new {@link Snapshot}, to watches as events, and to the writer as the return of {@link #txn}. Readers take
 * no lock and see only published, durable revisions.
 * <p>
 * Keys are ordered by {@link String#compareTo} (UTF-16 code units), which equals etcd's byte order for the
 * ASCII keys Kubernetes uses.
 */
public final class MvKeyValueStore implements KeyValueStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MvKeyValueStore.class);

    private static final String KV_MAP = "kv";
    private static final String HISTORY_MAP = "history";
    private static final String META_MAP = "meta";
    private static final String META_FORMAT = "format";
    private static final String META_REVISION = "revision";
    private static final String META_COMPACTED = "compactedRevision";
    private static final long FORMAT = 1;
    /** History revisions removed per commit while compacting, so writers wait at most one small batch. */
    private static final int COMPACTION_BATCH = 2_000;
    /** Space is reclaimed while less than this share (percent) of the chunks' bytes is live. */
    private static final int RECLAIM_BELOW_FILL_RATE = 50;
    /** Live bytes rewritten per step (one commit, under the write lock). */
    private static final int RECLAIM_BYTES_PER_STEP = 256 * 1024;
    private static final int RECLAIM_MAX_STEPS = 8;
    private static final long RECLAIM_INTERVAL_MILLIS = 1_000;

    /**
     * How the store runs.
     *
     * @param syncWrites            force every commit to the disk (survives an OS crash, not just a killed
     *                              process)
     * @param compactionInterval    how often history is compacted to the revision that was current one
     *                              interval earlier; zero or negative for never (call {@link #compact})
     * @param maxPendingWatchEvents a watch with more undelivered events than this is dropped
     * @param cacheSizeMb           MVStore's page cache
     * @param compress              compress pages (LZF): about a third of the file size and of the bytes
     *                              written per commit for JSON values, for some tens of microseconds of CPU
     */
    public record Settings(boolean syncWrites, Duration compactionInterval, int maxPendingWatchEvents,
            int cacheSizeMb, boolean compress) {
        public Settings {
            Objects.requireNonNull(compactionInterval, "compactionInterval");
            if (maxPendingWatchEvents < 1) {
                throw new IllegalArgumentException("maxPendingWatchEvents must be at least 1, not " + maxPendingWatchEvents);
            }
            if (cacheSizeMb < 1) {
                throw new IllegalArgumentException("cacheSizeMb must be at least 1, not " + cacheSizeMb);
            }
        }

        public static Settings defaults() {
            return new Settings(true, Duration.ofMinutes(5), 100_000, 32, true);
        }

        public Settings withSyncWrites(boolean sync) {
            return new Settings(sync, compactionInterval, maxPendingWatchEvents, cacheSizeMb, compress);
        }

        public Settings withCompactionInterval(Duration interval) {
            return new Settings(syncWrites, interval, maxPendingWatchEvents, cacheSizeMb, compress);
        }

        public Settings withMaxPendingWatchEvents(int max) {
            return new Settings(syncWrites, compactionInterval, max, cacheSizeMb, compress);
        }

        public Settings withCompress(boolean compressPages) {
            return new Settings(syncWrites, compactionInterval, maxPendingWatchEvents, cacheSizeMb, compressPages);
        }
    }

    private final Path file;
    private final Settings settings;
    private final MVStore mvStore;
    private final MVMap<String, StoredValue> kv;
    private final MVMap<Long, List<Change>> history;
    private final MVMap<String, Long> meta;

    /** Serialises writers: evaluating, applying and committing (writing, not forcing) a transaction. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /**
     * Serialises publication: forcing committed chunks to disk (one force for every commit waiting, a group
     * commit), then handing their changes to watches and their snapshot to readers, in commit order.
     */
    private final ReentrantLock publishLock = new ReentrantLock();
    /** Writer state, changed only under {@link #writeLock}; may be ahead of what is published. */
    private long revision;
    private long compactedRevision;
    /** Committed, not yet published; appended under {@link #writeLock}, drained under {@link #publishLock}. */
    private final Queue<Commit> unpublished = new ConcurrentLinkedQueue<>();
    /** The latest commit; a transaction that wrote nothing waits for it, having read its state. */
    private volatile Commit lastCommit;
    /** What readers read. */
    private volatile Snapshot snapshot;
    private volatile boolean closed;
    private volatile Throwable failure;

    private final List<StoreWatch> watches = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;
    private final ScheduledExecutorService maintenance;
    /** The revision at the previous compaction tick: the next tick compacts to it. */
    private long revisionAtLastTick;

    /** One MVStore commit: the snapshot it makes and the changes watches get once it is durable. */
    private static final class Commit {
        final Snapshot snapshot;
        final List<Change> changes;
        volatile boolean published;

        Commit(Snapshot snapshot, List<Change> changes) {
            this.snapshot = snapshot;
            this.changes = changes;
        }
    }

    private MvKeyValueStore(Path file, Settings settings, MVStore mvStore) {
        this.file = file;
        this.settings = settings;
        this.mvStore = mvStore;
        this.kv = mvStore.openMap(KV_MAP, new MVMap.Builder<String, StoredValue>()
                .keyType(StringDataType.INSTANCE).valueType(StoredValue.Type.INSTANCE));
        this.history = mvStore.openMap(HISTORY_MAP, new MVMap.Builder<Long, List<Change>>()
                .keyType(LongDataType.INSTANCE).valueType(Change.ListType.INSTANCE));
        this.meta = mvStore.openMap(META_MAP, new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        this.delivery = Executors.newFixedThreadPool(2, daemonThreads("kubelix-store-watch"));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(daemonThreads("kubelix-store-maintenance"));
    }

    /**
     * Opens (or creates) the store in {@code file}. The parent directory is created when missing.
     *
     * @throws StoreException when the file cannot be opened, for example because another process has it
     */
    public static MvKeyValueStore open(Path file, Settings settings) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(settings, "settings");
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory for the store file " + absolute + ": " + e, e);
        }
        MVStore mvStore;
        try {
            MVStore.Builder builder = new MVStore.Builder()
                    .fileName(absolute.toString())
                    .autoCommitDisabled()
                    // 0: MVStore never commits on its own, so a half-applied transaction never reaches the file
                    .autoCommitBufferSize(0)
                    .cacheSize(settings.cacheSizeMb());
            if (settings.compress()) {
                builder.compress();
            }
            mvStore = builder.open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreException("the store file " + absolute + " is in use by another process (or is"
                        + " already open in this one); stop that process or configure another path", e);
            }
            throw new StoreException("cannot open the store file " + absolute + ": " + e.getMessage(), e);
        }
        // readers pin what they read themselves (see Snapshot); MVStore need not keep extra old versions
        mvStore.setVersionsToKeep(0);
        if (settings.syncWrites()) {
            // MVStore frees a chunk only when no pinned snapshot needs it, and the published snapshot (the
            // durable state) stays pinned until a newer one is forced and published: freed chunks can be
            // reused at once. Without forcing, MVStore's default retention waits until the OS surely wrote them.
            mvStore.setRetentionTime(0);
        }
        MvKeyValueStore store;
        try {
            if (!mvStore.getMapNames().isEmpty() && !mvStore.hasMap(META_MAP)) {
                throw new StoreException("the file " + absolute + " holds maps " + mvStore.getMapNames()
                        + " but no store format marker; it was not written by this store");
            }
            store = new MvKeyValueStore(absolute, settings, mvStore);
            store.load();
        } catch (RuntimeException e) {
            mvStore.closeImmediately();
            throw e instanceof StoreException ? e
                    : new StoreException("cannot read the store file " + absolute + ": " + e.getMessage(), e);
        }
        store.startMaintenance();
        return store;
    }

    private void load() {
        Long format = meta.get(META_FORMAT);
        if (format == null && (kv.sizeAsLong() > 0 || history.sizeAsLong() > 0)) {
            throw new StoreException("the file " + file + " holds data but no store format marker; it was not"
                    + " written by this store");
        }
        if (format != null && format != FORMAT) {
            throw new StoreException("the store file " + file + " has format " + format + " but this version"
                    + " reads format " + FORMAT + " only");
        }
        revision = meta.getOrDefault(META_REVISION, 0L);
        compactedRevision = meta.getOrDefault(META_COMPACTED, 0L);
        if (format == null) {
            meta.put(META_FORMAT, FORMAT);
            mvStore.commit();
            if (settings.syncWrites()) {
                mvStore.sync();
            }
        }
        revisionAtLastTick = revision;
        snapshot = new Snapshot(mvStore, kv, history, revision, compactedRevision);
        lastCommit = new Commit(snapshot, List.of());
        lastCommit.published = true;
        LOG.info("Opened the embedded store {} at revision {} (compacted to {}, {} keys)", file, revision,
                compactedRevision, kv.sizeAsLong());
        // a compaction that was cut short by a crash left history at or below the compacted revision
        while (removeCompactedHistoryBatch()) {
            // keep going
        }
    }

    private void startMaintenance() {
        maintenance.scheduleWithFixedDelay(this::reclaimSpaceTick, RECLAIM_INTERVAL_MILLIS, RECLAIM_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        Duration interval = settings.compactionInterval();
        if (!interval.isZero() && !interval.isNegative()) {
            long millis = interval.toMillis();
            maintenance.scheduleWithFixedDelay(this::compactionTick, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public long revision() {
        return currentSnapshot().revision;
    }

    @Override
    public long compactedRevision() {
        return currentSnapshot().compactedRevision;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        requireKey(key, "key");
        Snapshot s = acquireSnapshot();
        try {
            StoredValue stored = s.get(key);
            return stored == null ? Optional.empty() : Optional.of(stored.toKeyValue(key));
        } catch (MVStoreException e) {
            throw readFailure(e);
        } finally {
            s.release();
        }
    }

    @Override
    public RangeResult range(RangeRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.prefix() == null) {
            throw new IllegalArgumentException("range prefix must not be null (use \"\" for every key)");
        }
        if (request.limit() < 0) {
            throw new IllegalArgumentException("range limit must be 0 (no limit) or positive, not " + request.limit());
        }
        if (request.revision() < 0) {
            throw new IllegalArgumentException("range revision must be 0 (current) or positive, not "
                    + request.revision());
        }
        Snapshot s = acquireSnapshot();
        try {
            long at = request.revision() == 0 ? s.revision : request.revision();
            if (at > s.revision) {
                throw new StoreException("revision " + at + " is in the future; the current revision is " + s.revision);
            }
            if (request.revision() != 0 && at <= s.compactedRevision) {
                throw new CompactedException(at, s.compactedRevision);
            }
            Snapshot.Scan scan = s.scan(request.prefix(), request.startAfter(), at);
            int limit = request.limit() == 0 ? Integer.MAX_VALUE : request.limit();
            List<KeyValue> kvs = new ArrayList<>(Math.min(limit, 1024));
            while (kvs.size() < limit && scan.hasNext()) {
                Map.Entry<String, StoredValue> entry = scan.next();
                kvs.add(entry.getValue().toKeyValue(entry.getKey()));
            }
            long remaining = scan.hasNext() ? scan.remainingAfter(kvs.get(kvs.size() - 1).key()) : 0;
            return new RangeResult(Collections.unmodifiableList(kvs), at, remaining > 0, remaining);
        } catch (MVStoreException e) {
            throw readFailure(e);
        } finally {
            s.release();
        }
    }

    @Override
    public long count(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("count prefix must not be null (use \"\" for every key)");
        }
        Snapshot s = acquireSnapshot();
        try {
            return s.count(prefix);
        } catch (MVStoreException e) {
            throw readFailure(e);
        } finally {
            s.release();
        }
    }

    /** The published snapshot with a reader reference; release it when done. */
    Snapshot acquireSnapshot() {
        while (true) {
            Snapshot s = currentSnapshot();
            if (s.retain()) {
                return s;
            }
        }
    }

    private Snapshot currentSnapshot() {
        if (closed) {
            throw new StoreException("the embedded store " + file + " is closed");
        }
        return snapshot;
    }

    private StoreException readFailure(MVStoreException e) {
        return new StoreException(closed ? "the embedded store " + file + " was closed during the read"
                : "cannot read the store file " + file + ": " + e.getMessage(), e);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public TxnResult txn(Txn txn) {
        Objects.requireNonNull(txn, "txn");
        validate(txn);
        TxnResult result;
        Commit commit;
        writeLock.lock();
        try {
            ensureWritable();
            boolean succeeded = true;
            for (Compare compare : txn.compares()) {
                StoredValue current = kv.get(compare.key());
                long modRevision = current == null ? 0 : current.modRevision();
                if (modRevision != compare.modRevision()) {
                    succeeded = false;
                    break;
                }
            }
            List<Op> ops = succeeded ? txn.success() : txn.failure();
            long newRevision = revision + 1;
            // the transaction's own writes, so a Get after a Put of the same key sees the Put
            Map<String, StoredValue> written = new HashMap<>();
            List<Change> changes = new ArrayList<>();
            List<KeyValue> results = new ArrayList<>(ops.size());
            for (Op op : ops) {
                String key = op.key();
                StoredValue before = written.containsKey(key) ? written.get(key) : kv.get(key);
                if (op instanceof Op.Put put) {
                    StoredValue after = before == null
                            ? new StoredValue(newRevision, newRevision, 1, put.value().clone())
                            : new StoredValue(before.createRevision(), newRevision, before.version() + 1,
                                    put.value().clone());
                    written.put(key, after);
                    changes.add(new Change(key, after, before));
                    results.add(after.toKeyValue(key));
                } else if (op instanceof Op.Delete) {
                    if (before != null) {
                        written.put(key, null);
                        changes.add(new Change(key, null, before));
                    }
                    results.add(before == null ? null : before.toKeyValue(key));
                } else {
                    results.add(before == null ? null : before.toKeyValue(key));
                }
            }
            List<KeyValue> resultList = Collections.unmodifiableList(results);
            if (changes.isEmpty()) {
                // nothing to write, but what was read must be durable before it is answered
                commit = lastCommit;
                result = new TxnResult(succeeded, revision, resultList);
            } else {
                List<Change> committed = List.copyOf(changes);
                try {
                    for (Change change : committed) {
                        if (change.isDelete()) {
                            kv.remove(change.key());
                        } else {
                            kv.put(change.key(), change.after());
                        }
                    }
                    history.put(newRevision, committed);
                    meta.put(META_REVISION, newRevision);
                    revision = newRevision;
                    commit = commitLocked(committed);
                } catch (RuntimeException | Error e) {
                    throw fail("cannot write revision " + newRevision, e);
                }
                result = new TxnResult(succeeded, newRevision, resultList);
            }
        } finally {
            writeLock.unlock();
        }
        awaitPublished(commit);
        return result;
    }

    private static void validate(Txn txn) {
        for (Compare compare : txn.compares()) {
            Objects.requireNonNull(compare, "a compare of the transaction is null");
            requireKey(compare.key(), "compare key");
            if (compare.modRevision() < 0) {
                throw new IllegalArgumentException("compare on '" + compare.key() + "' has a negative modRevision "
                        + compare.modRevision() + "; use 0 to require that the key is absent");
            }
        }
        validateOps(txn.success(), "success");
        validateOps(txn.failure(), "failure");
    }

    private static void validateOps(List<Op> ops, String branch) {
        Set<String> writtenKeys = new HashSet<>();
        for (Op op : ops) {
            Objects.requireNonNull(op, "an operation of the " + branch + " branch is null");
            requireKey(op.key(), branch + " operation key");
            if (op instanceof Op.Put put && put.value() == null) {
                throw new IllegalArgumentException("put of '" + put.key() + "' has a null value; use a Delete to"
                        + " remove a key");
            }
            if (!(op instanceof Op.Get) && !writtenKeys.add(op.key())) {
                throw new IllegalArgumentException("the " + branch + " branch writes '" + op.key() + "' more than"
                        + " once; a transaction may write each key once");
            }
        }
    }

    private static void requireKey(String key, String what) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
    }

    private void ensureWritable() {
        if (closed) {
            throw new StoreException("the embedded store " + file + " is closed");
        }
        if (failure != null) {
            throw new StoreException("the embedded store " + file + " stopped after a write failure (" + failure
                    + "); restart to recover from the last committed revision", failure);
        }
    }

    /**
     * Writes the pending map changes as one MVStore chunk and queues it for publication. Under the write
     * lock, before the next commit, so the snapshot's pin protects exactly this commit's state.
     */
    private Commit commitLocked(List<Change> changes) {
        mvStore.commit();
        Commit commit = new Commit(new Snapshot(mvStore, kv, history, revision, compactedRevision), changes);
        unpublished.add(commit);
        lastCommit = commit;
        return commit;
    }

    /**
     * Returns once {@code commit} is durable and published. The first waiter forces the file once for every
     * commit queued so far (a group commit); the others find their commit already published.
     */
    private void awaitPublished(Commit commit) {
        if (commit.published) {
            return;
        }
        publishLock.lock();
        try {
            if (!commit.published) {
                publishPending();
            }
        } finally {
            publishLock.unlock();
        }
    }

    /** Forces every queued commit to disk, then publishes them in order. Under the publish lock. */
    private void publishPending() {
        ensurePublishable();
        List<Commit> batch = new ArrayList<>();
        for (Commit next = unpublished.poll(); next != null; next = unpublished.poll()) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (settings.syncWrites()) {
                mvStore.sync();
            }
        } catch (RuntimeException | Error e) {
            for (Commit lost : batch) {
                lost.snapshot.release();
            }
            failure = e;
            LOG.error("The embedded store {} could not force its file to disk; it accepts no more writes", file, e);
            throw new StoreException("cannot force revision " + batch.get(batch.size() - 1).snapshot.revision
                    + " to disk in " + file + ": " + e, e);
        }
        for (Commit done : batch) {
            if (!done.changes.isEmpty()) {
                for (StoreWatch watch : watches) {
                    watch.offer(done.snapshot.revision, done.changes);
                }
            }
        }
        Snapshot previous = snapshot;
        snapshot = batch.get(batch.size() - 1).snapshot;
        previous.release();
        for (int i = 0; i < batch.size(); i++) {
            if (i < batch.size() - 1) {
                // superseded before anyone could read it; its pin guarded the file until the force above
                batch.get(i).snapshot.release();
            }
            batch.get(i).published = true;
        }
    }

    private void ensurePublishable() {
        if (failure != null) {
            throw new StoreException("the embedded store " + file + " stopped after a write failure (" + failure
                    + "); this write may not be durable; restart to recover from the last durable revision", failure);
        }
    }

    /**
     * After a failed commit the maps may hold changes that are not in the file: drop them and refuse further
     * writes, since MVStore may be unusable now. Readers keep the last published snapshot.
     */
    private StoreException fail(String what, Throwable cause) {
        failure = cause;
        try {
            if (!mvStore.isClosed()) {
                mvStore.rollback();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        LOG.error("The embedded store {} failed: {}; it accepts no more writes", file, what, cause);
        return new StoreException(what + " to " + file + ": " + cause, cause);
    }

    // ---------------------------------------------------------------- compaction

    @Override
    public void compact(long toRevision) {
        if (toRevision < 0) {
            throw new IllegalArgumentException("cannot compact to the negative revision " + toRevision);
        }
        Commit commit;
        writeLock.lock();
        try {
            ensureWritable();
            if (toRevision > revision) {
                throw new StoreException("cannot compact to revision " + toRevision + ": the current revision is "
                        + revision);
            }
            if (toRevision <= compactedRevision) {
                return;
            }
            try {
                meta.put(META_COMPACTED, toRevision);
                compactedRevision = toRevision;
                commit = commitLocked(List.of());
            } catch (RuntimeException | Error e) {
                throw fail("cannot compact to revision " + toRevision, e);
            }
        } finally {
            writeLock.unlock();
        }
        awaitPublished(commit);
        // the history itself goes in batches, letting writers in between
        while (removeCompactedHistoryBatch()) {
            Thread.yield();
        }
    }

    /** Removes up to one batch of history at or below the compacted revision; false when none is left. */
    private boolean removeCompactedHistoryBatch() {
        Commit commit;
        boolean more;
        writeLock.lock();
        try {
            if (closed || failure != null) {
                return false;
            }
            int removed = 0;
            Long oldest = history.firstKey();
            while (oldest != null && oldest <= compactedRevision && removed < COMPACTION_BATCH) {
                history.remove(oldest);
                removed++;
                oldest = history.higherKey(oldest);
            }
            if (removed == 0) {
                return false;
            }
            more = oldest != null && oldest <= compactedRevision;
            try {
                commit = commitLocked(List.of());
            } catch (RuntimeException | Error e) {
                throw fail("cannot remove compacted history", e);
            }
        } finally {
            writeLock.unlock();
        }
        awaitPublished(commit);
        return more;
    }

    /** Compacts to the revision that was current one interval ago, so at least one interval of history stays. */
    private void compactionTick() {
        try {
            long target = revisionAtLastTick;
            revisionAtLastTick = currentSnapshot().revision;
            if (target > currentSnapshot().compactedRevision) {
                compact(target);
                LOG.debug("Compacted the embedded store {} to revision {}", file, target);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Compaction of the embedded store {} failed", file, e);
            }
        }
    }

    /**
     * MVStore never overwrites a chunk while any page in it is live, and a long-lived page (a history page
     * that filled up, a key nobody changes) keeps its whole chunk, mostly dead data, allocated. While the live
     * share of the chunks is below {@link #RECLAIM_BELOW_FILL_RATE}, rewrite the live pages of the emptiest
     * chunks into a new one, a bounded amount per step, so the old chunks can be reused. A step only starts
     * when no writer holds the lock, and writers get the lock between steps.
     *
     * @return whether anything was rewritten
     */
    boolean reclaimSpace(int maxSteps) {
        boolean rewroteAny = false;
        for (int step = 0; step < maxSteps; step++) {
            if (closed || failure != null
                    || mvStore.getFileStore().getChunksFillRate() >= RECLAIM_BELOW_FILL_RATE
                    || !writeLock.tryLock()) {
                break;
            }
            Commit commit;
            try {
                if (closed || failure != null || !mvStore.compact(RECLAIM_BELOW_FILL_RATE, RECLAIM_BYTES_PER_STEP)) {
                    break;
                }
                commit = commitLocked(List.of());
            } catch (RuntimeException | Error e) {
                throw fail("cannot rewrite chunks to reclaim space", e);
            } finally {
                writeLock.unlock();
            }
            awaitPublished(commit);
            rewroteAny = true;
        }
        return rewroteAny;
    }

    private void reclaimSpaceTick() {
        try {
            reclaimSpace(RECLAIM_MAX_STEPS);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Reclaiming space in the embedded store {} failed", file, e);
            }
        }
    }

    // ---------------------------------------------------------------- watches

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        if (prefix == null) {
            throw new IllegalArgumentException("watch prefix must not be null (use \"\" for every key)");
        }
        Objects.requireNonNull(listener, "listener");
        if (fromRevision < 0) {
            throw new IllegalArgumentException("watch fromRevision must be 0 (from now) or positive, not "
                    + fromRevision);
        }
        StoreWatch watch;
        publishLock.lock();
        try {
            ensureWritable();
            Snapshot published = snapshot;
            if (fromRevision != 0 && fromRevision <= published.compactedRevision) {
                throw new CompactedException(fromRevision, published.compactedRevision);
            }
            long start = fromRevision == 0 ? published.revision + 1 : fromRevision;
            // revisions are handed to watches under the publish lock, so every revision after the published
            // one reaches this watch live, and the replay covers exactly the ones up to it
            watch = new StoreWatch(this, prefix, listener, delivery, settings.maxPendingWatchEvents(), start,
                    published.revision);
            watches.add(watch);
        } finally {
            publishLock.unlock();
        }
        watch.start();
        return watch;
    }

    void forget(StoreWatch watch) {
        watches.remove(watch);
    }

    /** How many watches are running (for tests and diagnostics). */
    int watchCount() {
        return watches.size();
    }

    // ---------------------------------------------------------------- lifecycle

    /** The store file. */
    public Path file() {
        return file;
    }

    /** The size of the store file in bytes. */
    public long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + file + ": " + e, e);
        }
    }

    /**
     * Stops every watch (each hears {@link WatchListener#onClosed}), waits briefly for their last
     * notifications, and closes the file. Calling it again does nothing.
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            writeLock.unlock();
        }
        publishLock.lock();
        try {
            try {
                publishPending();
            } catch (RuntimeException e) {
                LOG.warn("Could not publish the last commits of {} while closing", file, e);
            }
            StoreException cause = new StoreException("the embedded store " + file + " was closed");
            for (StoreWatch watch : watches) {
                watch.terminate(cause);
            }
            watches.clear();
        } finally {
            publishLock.unlock();
        }
        maintenance.shutdownNow();
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Watch listeners of {} did not return within 5 s of closing the store", file);
                delivery.shutdownNow();
            }
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeLock.lock();
        publishLock.lock();
        try {
            snapshot.release();
            if (failure == null) {
                mvStore.close();
            } else {
                mvStore.closeImmediately();
            }
            LOG.info("Closed the embedded store {} at revision {}", file, revision);
        } catch (MVStoreException e) {
            throw new StoreException("closing the store file " + file + " failed: " + e.getMessage(), e);
        } finally {
            publishLock.unlock();
            writeLock.unlock();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
