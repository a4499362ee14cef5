package io.kubelix.api.store;

/**
 * A guard of a transaction: the key's current modRevision must equal {@code modRevision}.
 * A modRevision of 0 means the key must not exist.
 */
public record Compare(String key, long modRevision) {
    public static Compare absent(String key) {
        return new Compare(key, 0);
    }

    public static Compare modRevision(String key, long modRevision) {
        return new Compare(key, modRevision);
    }
}
