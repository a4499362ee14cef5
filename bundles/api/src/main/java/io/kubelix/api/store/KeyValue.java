package io.kubelix.api.store;

import java.util.Objects;

/**
 * One stored key at one revision.
 *
 * @param key            the full key, for example {@code /registry/core/pods/default/web}
 * @param value          the stored bytes (an object serialised as JSON by the registry)
 * @param createRevision the revision that created the key
 * @param modRevision    the revision of the key's last change
 * @param version        how many times the key was written since it was created (1 after create)
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
