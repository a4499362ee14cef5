package io.kubelix.client;

import org.osgi.annotation.versioning.ProviderType;

/** A handler added to a {@link SharedInformer}; close it to stop receiving events. */
@ProviderType
public interface HandlerRegistration extends AutoCloseable {

    /**
     * Whether this handler has received every object of the informer's initial list (or, when
     * added later, every object the cache held then) as {@link ResourceEventHandler#onAdd}.
     */
    boolean hasSynced();

    /** Removes the handler; events already being delivered may still arrive. */
    @Override
    void close();
}
