package io.kubelix.api.resource;

import org.osgi.annotation.versioning.ProviderType;

/** A running object watch. */
@ProviderType
public interface WatchHandle extends AutoCloseable {
    @Override
    void close();
}
