package io.kubelix.api.store;

/**
 * A read of all keys under a prefix, in key order.
 *
 * @param prefix     keys that start with this string; a single key is a prefix too, but use
 *                   {@link KeyValueStore#get} for that
 * @param startAfter return only keys strictly greater than this one (pagination); null for the start
 * @param revision   read the state as of this revision; 0 for the current revision. A revision at or
 *                   below the compacted revision fails with {@link CompactedException}
 * @param limit      at most this many keys; 0 for no limit
 */
public record RangeRequest(String prefix, String startAfter, long revision, int limit) {
    public static RangeRequest prefix(String prefix) {
        return new RangeRequest(prefix, null, 0, 0);
    }
}
