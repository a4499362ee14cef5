package io.kubelix.api.resource;

import java.util.List;

/**
 * One page of a list with every item already encoded as JSON (exactly what {@code get} would
 * return for it). A server writes these bytes as they are, without decoding large lists.
 *
 * @param items              the objects as UTF-8 JSON
 * @param resourceVersion    as in {@link ObjectList}
 * @param continueToken      as in {@link ObjectList}
 * @param remainingItemCount as in {@link ObjectList}
 */
public record EncodedList(List<byte[]> items, String resourceVersion, String continueToken,
        Long remainingItemCount) {
}
