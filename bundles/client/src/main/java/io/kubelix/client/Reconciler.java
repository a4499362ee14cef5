package io.kubelix.client;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Brings one object's world in line with its spec. Called by {@link Controller} workers with a
 * key from the work queue; never called for the same key on two threads at once.
 */
@ConsumerType
@FunctionalInterface
public interface Reconciler {

    /**
     * Reconciles the object with this key ({@code namespace/name} or {@code name}); it may have
     * been deleted meanwhile. Returning normally means done (the key's back-off is reset);
     * throwing means try again later with back-off. To look again after a while although nothing
     * failed, call {@link WorkQueue#addAfter} on the controller's queue.
     */
    void reconcile(String key) throws Exception;
}
