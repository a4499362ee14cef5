package io.kubelix.api.store;

/**
 * The requested revision is older than the oldest one the store still has (it was compacted).
 * The API server answers this with 410 Gone, reason Expired.
 */
public class CompactedException extends StoreException {
    private final long compactedRevision;

    public CompactedException(long requested, long compactedRevision) {
        super("revision " + requested + " has been compacted; the oldest available revision is "
                + (compactedRevision + 1));
        this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
        return compactedRevision;
    }
}
