package io.kubelix.api.store;

import org.osgi.annotation.versioning.ProviderType;

/** A running watch; close it to stop receiving events. */
@ProviderType
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
