package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.StoreException;
import io.kubelix.api.store.Watch;
import io.kubelix.api.store.WatchEvent;
import io.kubelix.api.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: first replays history from the start revision up to the revision that was current when it
 * was registered, then delivers the live changes the writer hands it (every revision after that one), so
 * there is neither a gap nor an overlap between the two.
 * <p>
 * The writer only appends to this watch's queue; the listener runs on the store's delivery executor, one
 * task per watch at a time, so events arrive in order and a slow listener delays nobody else.
 */
final class StoreWatch implements Watch {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);
    /** Events delivered per task before yielding the thread to other watches. */
    private static final int EVENTS_PER_TASK = 512;
    /** History revisions read per snapshot while replaying, so a long replay pins no old file chunks. */
    private static final int REPLAY_REVISIONS_PER_READ = 256;

    private final MvKeyValueStore store;
    private final String prefix;
    private final WatchListener listener;
    private final Executor executor;
    private final int maxPendingEvents;
    private final long startRevision;

    /** Next history revision to replay; touched only by the delivery task. */
    private long replayNext;
    /** The last revision replayed from history; later ones come through {@link #live}. */
    private final long replayTo;

    private final Queue<Pending> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closedNotified = new AtomicBoolean();
    private volatile boolean closedByOwner;
    private volatile Throwable terminationCause;

    private record Pending(long revision, Change change) {
    }

    /**
     * @param startRevision  the first revision to deliver
     * @param replayTo       the store's revision at registration: revisions up to it come from history,
     *                       later ones through {@link #offer}
     */
    StoreWatch(MvKeyValueStore store, String prefix, WatchListener listener, Executor executor,
            int maxPendingEvents, long startRevision, long replayTo) {
        this.store = store;
        this.prefix = prefix;
        this.listener = listener;
        this.executor = executor;
        this.maxPendingEvents = maxPendingEvents;
        this.startRevision = startRevision;
        this.replayNext = startRevision;
        this.replayTo = replayTo;
    }

    void start() {
        if (replayNext <= replayTo) {
            schedule();
        }
    }

    /** Called by the writer, in revision order, for every committed revision after {@code replayTo}. */
    void offer(long revision, List<Change> changes) {
        if (revision < startRevision || isStopped()) {
            return;
        }
        int added = 0;
        for (Change change : changes) {
            if (change.key().startsWith(prefix)) {
                live.add(new Pending(revision, change));
                added++;
            }
        }
        if (added == 0) {
            return;
        }
        if (pending.addAndGet(added) > maxPendingEvents) {
            live.clear();
            terminate(new StoreException("the watch on '" + prefix + "' fell more than " + maxPendingEvents
                    + " events behind and was dropped; re-list and watch again"));
            return;
        }
        schedule();
    }

    /** Ends the watch for a reason other than its owner closing it; the listener hears of it once. */
    void terminate(Throwable cause) {
        if (terminationCause == null && !closedByOwner) {
            terminationCause = cause;
            store.forget(this);
            schedule();
        }
    }

    @Override
    public void close() {
        closedByOwner = true;
        store.forget(this);
        live.clear();
    }

    private boolean isStopped() {
        return closedByOwner || terminationCause != null;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::deliver);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
                notifyClosed();
            }
        }
    }

    private void deliver() {
        try {
            if (replayNext <= replayTo) {
                replaySome();
            } else {
                deliverLive();
            }
        } catch (RuntimeException e) {
            terminate(e instanceof StoreException ? e : new StoreException("the watch on '" + prefix
                    + "' could not read the store's history: " + e, e));
        }
        try {
            if (terminationCause != null) {
                notifyClosed();
            }
        } finally {
            scheduled.set(false);
        }
        if (hasWork()) {
            schedule();
        }
    }

    private boolean hasWork() {
        if (closedByOwner) {
            return false;
        }
        if (terminationCause != null) {
            return !closedNotified.get();
        }
        return replayNext <= replayTo || !live.isEmpty();
    }

    private void replaySome() {
        List<WatchEvent> events = new ArrayList<>();
        Snapshot snapshot = store.acquireSnapshot();
        try {
            if (replayNext <= snapshot.compactedRevision) {
                terminate(new CompactedException(replayNext, snapshot.compactedRevision));
                return;
            }
            replayNext = snapshot.collectEvents(prefix, replayNext, replayTo, REPLAY_REVISIONS_PER_READ, events) + 1;
        } finally {
            snapshot.release();
        }
        for (WatchEvent event : events) {
            if (isStopped() || !call(event)) {
                return;
            }
        }
    }

    private void deliverLive() {
        for (int i = 0; i < EVENTS_PER_TASK && !isStopped(); i++) {
            Pending next = live.poll();
            if (next == null) {
                return;
            }
            pending.decrementAndGet();
            if (!call(next.change.toEvent(next.revision))) {
                return;
            }
        }
    }

    private boolean call(WatchEvent event) {
        try {
            listener.onEvent(event);
            return true;
        } catch (RuntimeException | Error e) {
            LOG.warn("A listener of the watch on '{}' failed on revision {}; the watch is closed", prefix,
                    event.revision(), e);
            terminate(new StoreException("the watch listener failed: " + e, e));
            return false;
        }
    }

    private void notifyClosed() {
        Throwable cause = terminationCause;
        if (cause != null && !closedByOwner && closedNotified.compareAndSet(false, true)) {
            try {
                listener.onClosed(cause);
            } catch (RuntimeException e) {
                LOG.warn("A listener of the watch on '{}' failed in onClosed", prefix, e);
            }
        }
    }

    String prefix() {
        return prefix;
    }
}
