package io.kubelix.itests;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waiting: poll a condition until it holds or a deadline passes, then fail saying what was last seen. */
public final class Poll {
    private static final long INTERVAL_MILLIS = 100;

    private Poll() {
    }

    /** What a probe saw: whether the condition holds and a description for the failure message. */
    public record Seen(boolean ok, String what) {
        public static Seen of(boolean ok, String what) {
            return new Seen(ok, what);
        }
    }

    /** Polls until the probe reports ok; fails after the timeout with the last observation. */
    public static void until(String condition, Duration timeout, Callable<Seen> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Seen last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (last.ok()) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting until "
                        + condition + "; last seen: " + (lastError != null ? lastError : last == null ? "-" : last.what()));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }
}
