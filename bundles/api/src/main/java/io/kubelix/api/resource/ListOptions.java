package io.kubelix.api.resource;

/**
 * The query of a list or watch, as in {@code metav1.ListOptions}. Null fields are absent.
 *
 * @param labelSelector        for example {@code app=web,tier in (front,back)}
 * @param fieldSelector        for example {@code metadata.name=web,status.phase!=Running}
 * @param limit                page size; 0 for everything
 * @param continueToken        the token of the previous page
 * @param resourceVersion      for a list: "" or null the latest, "0" any, otherwise at least or
 *                             exactly this revision (see {@code resourceVersionMatch}); for a watch,
 *                             the revision after which to send events ("" or "0": send the current
 *                             state first as ADDED events)
 * @param resourceVersionMatch "NotOlderThan" or "Exact", or null
 * @param allowBookmarks       whether the watch may send BOOKMARK events
 * @param timeoutSeconds       a watch ends after this many seconds; 0 for the server's maximum
 */
public record ListOptions(String labelSelector, String fieldSelector, int limit, String continueToken,
        String resourceVersion, String resourceVersionMatch, boolean allowBookmarks, long timeoutSeconds) {

    public static final ListOptions ALL = new ListOptions(null, null, 0, null, null, null, false, 0);

    public static ListOptions labels(String labelSelector) {
        return new ListOptions(labelSelector, null, 0, null, null, null, false, 0);
    }

    public ListOptions withResourceVersion(String rv) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, rv, resourceVersionMatch,
                allowBookmarks, timeoutSeconds);
    }
}
