package io.kubelix.api.store;

import java.util.List;

/**
 * The answer to a {@link RangeRequest}.
 *
 * @param kvs       the keys found, in key order
 * @param revision  the revision the range was read at (the current one when the request said 0)
 * @param more      true when the limit cut the result short; continue after the last key
 * @param remaining how many further keys match after this page (0 when {@code more} is false)
 */
public record RangeResult(List<KeyValue> kvs, long revision, boolean more, long remaining) {
}
