package io.kubelix.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events of a watch in revision order, on a thread of the store. It must return quickly:
 * a slow listener is one that hands events to its own queue.
 */
@ConsumerType
public interface WatchListener {
    void onEvent(WatchEvent event);

    /**
     * The watch ended without being closed by its owner: the store shut down, or the listener fell
     * so far behind that history it needed was compacted. The owner should re-list and watch again.
     */
    default void onClosed(Throwable cause) {
    }
}
