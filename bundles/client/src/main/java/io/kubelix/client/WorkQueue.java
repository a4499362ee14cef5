package io.kubelix.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A keyed work queue for controllers: de-duplicating, delaying and rate-limited. Thread-safe.
 * <p>
 * The contract workers rely on:
 * <ul>
 * <li>{@link #add} while a key is already queued does nothing: a key is queued at most once.</li>
 * <li>A key is handed to at most one worker at a time. {@link #add} of a key that a worker is
 * processing queues it again only once that worker calls {@link #done}, so no change is lost and
 * no two workers reconcile the same object at once.</li>
 * <li>Every key returned by {@link #take} must be passed to {@link #done}, in a {@code finally}.</li>
 * <li>{@link #addRateLimited} delays a key by {@code baseDelay * 2^failures} (at most
 * {@code maxDelay}) and, over all keys, by a token bucket; {@link #forget} resets the key's
 * failure count once it has been handled successfully.</li>
 * </ul>
 * Worker loop:
 * <pre>{@code
 * for (String key; (key = queue.take()) != null; ) {
 *     try {
 *         reconcile(key);
 *         queue.forget(key);
 *     } catch (Exception e) {
 *         queue.addRateLimited(key);
 *     } finally {
 *         queue.done(key);
 *     }
 * }
 * }</pre>
 * {@link Controller} runs exactly this loop on worker threads.
 *
 * @param <K> the key type; keys must have value equality (strings such as {@code namespace/name})
 */
public final class WorkQueue<K> {

    /**
     * How {@link #addRateLimited} delays keys.
     *
     * @param baseDelay the delay after the first failure; doubled after each further one
     * @param maxDelay  the longest per-key delay
     * @param qps       the sustained rate of rate-limited adds over all keys; 0 for no overall limit
     * @param burst     how many rate-limited adds may happen at once before {@code qps} applies
     */
    public record RateLimit(Duration baseDelay, Duration maxDelay, double qps, int burst) {
        /** 5 ms doubling up to 1000 s per key; 10 per second with bursts of 100 overall. */
        public static final RateLimit DEFAULT = new RateLimit(Duration.ofMillis(5), Duration.ofSeconds(1000), 10, 100);

        public RateLimit {
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (baseDelay.isNegative() || baseDelay.isZero()) {
                throw new IllegalArgumentException("baseDelay must be positive, got " + baseDelay);
            }
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must not be less than baseDelay ("
                        + baseDelay + ")");
            }
            if (!(qps >= 0) || Double.isInfinite(qps)) {
                throw new IllegalArgumentException("qps must be a finite number >= 0 (0 turns the overall limit off), got "
                        + qps);
            }
            if (qps > 0 && burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, got " + burst);
            }
        }
    }

    private record Waiting<K>(K key, long readyAt, long order) {
    }

    private final RateLimit rateLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    /** Keys that need processing: queued, or re-added while being processed. */
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final PriorityQueue<Waiting<K>> waiting = new PriorityQueue<>(
            (a, b) -> a.readyAt != b.readyAt ? Long.compare(a.readyAt, b.readyAt) : Long.compare(a.order, b.order));
    private final Map<K, Waiting<K>> waitingByKey = new HashMap<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private long waitingOrder;
    private double tokens;
    private long tokensAt;
    private boolean shuttingDown;

    /** A queue with {@link RateLimit#DEFAULT}. */
    public WorkQueue() {
        this(RateLimit.DEFAULT);
    }

    public WorkQueue(RateLimit rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.tokens = rateLimit.burst();
        this.tokensAt = System.nanoTime();
    }

    /** Queues {@code key} unless it is queued already; ignored after shut-down. */
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            addLocked(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code key} once {@code delay} has passed. When the key is already waiting, the earlier
     * of the two times wins.
     */
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            long readyAt = System.nanoTime() + saturatedNanos(delay);
            Waiting<K> existing = waitingByKey.get(key);
            if (existing != null) {
                if (existing.readyAt - readyAt <= 0) {
                    return;
                }
                waiting.remove(existing);
            }
            Waiting<K> entry = new Waiting<>(key, readyAt, waitingOrder++);
            waiting.add(entry);
            waitingByKey.put(key, entry);
            // A taker may be sleeping until a later time.
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after its back-off: call this when handling the key failed. */
    public void addRateLimited(K key) {
        Objects.requireNonNull(key, "key");
        addAfter(key, nextDelay(key));
    }

    /** Clears the failure count of {@code key}: call this when handling the key succeeded. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** How many times {@code key} has been re-queued by {@link #addRateLimited} since the last {@link #forget}. */
    public int numRequeues(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a key and marks it as being processed; call {@link #done} with it when finished.
     * After {@link #shutDown} the keys still queued are handed out, then null.
     *
     * @return the key, or null when the queue is shut down and empty
     */
    public K take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = System.nanoTime();
                promoteDue(now);
                if (!queue.isEmpty()) {
                    break;
                }
                if (shuttingDown) {
                    return null;
                }
                Waiting<K> next = waiting.peek();
                if (next == null) {
                    changed.await();
                } else {
                    changed.awaitNanos(next.readyAt - now);
                }
            }
            K key = queue.poll();
            processing.add(key);
            dirty.remove(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the processing of {@code key}; if it was added meanwhile, it is queued again now. */
    public void done(K key) {
        lock.lock();
        try {
            if (processing.remove(key) && dirty.contains(key)) {
                queue.add(key);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting keys: adds are ignored from now on, delayed keys are dropped, and
     * {@link #take} returns the keys still queued and then null.
     */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            waiting.clear();
            waitingByKey.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #shutDown} and wait until every key still queued or being processed is done. Needs
     * running workers; without them it waits forever.
     */
    public void shutDownWithDrain() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            shutDown();
            while (!queue.isEmpty() || !processing.isEmpty()) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    /** How many keys are ready to be taken (not counting delayed keys or keys being processed). */
    public int len() {
        lock.lock();
        try {
            promoteDue(System.nanoTime());
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(K key) {
        if (shuttingDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.add(key);
            changed.signalAll();
        }
    }

    private void promoteDue(long now) {
        Waiting<K> next;
        while ((next = waiting.peek()) != null && next.readyAt - now <= 0) {
            waiting.poll();
            waitingByKey.remove(next.key);
            addLocked(next.key);
        }
    }

    private Duration nextDelay(K key) {
        lock.lock();
        try {
            int previousFailures = failures.getOrDefault(key, 0);
            failures.put(key, previousFailures + 1);
            long base = saturatedNanos(rateLimit.baseDelay());
            long max = saturatedNanos(rateLimit.maxDelay());
            long perKey = previousFailures >= 62 || base > (max >> previousFailures) ? max : base << previousFailures;
            return Duration.ofNanos(Math.max(perKey, overallDelayNanos()));
        } finally {
            lock.unlock();
        }
    }

    /** Reserves one token of the overall bucket; the wait until that token exists. */
    private long overallDelayNanos() {
        if (rateLimit.qps() == 0) {
            return 0;
        }
        long now = System.nanoTime();
        tokens = Math.min(rateLimit.burst(), tokens + (now - tokensAt) / 1e9 * rateLimit.qps());
        tokensAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) (-tokens / rateLimit.qps() * 1e9);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365L * 100);
        }
    }
}
