package io.kubelix.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter, capped; one per retry loop (not thread-safe). */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long currentNanos;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.currentNanos = initialNanos;
    }

    /** The next delay: the current step plus up to half of it again, then the step doubles. */
    Duration next() {
        long step = currentNanos;
        currentNanos = Math.min(maxNanos, currentNanos * 2);
        long jitter = ThreadLocalRandom.current().nextLong(step / 2 + 1);
        return Duration.ofNanos(Math.min(maxNanos, step + jitter));
    }

    void reset() {
        currentNanos = initialNanos;
    }
}
