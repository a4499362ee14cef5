package io.kubelix.client;

import io.kubelix.api.resource.ResourceType;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A cache of the objects of one type (in one namespace, or all) kept current by list and watch,
 * shared by everyone in the process who asks the {@link SharedInformerFactory} for it.
 * <p>
 * It lists, then watches from the list's resourceVersion; when a watch ends it watches again from
 * the last version seen; when that version has expired (410) it lists again and reports the
 * difference as adds, updates and deletes, so no change is missed for good. Errors are retried
 * with capped exponential back-off.
 * <p>
 * Before acting on the cache, wait for {@link #hasSynced()} (or {@link #awaitSynced}): until the
 * first list has arrived the cache is empty, which would look like "every object was deleted".
 */
@ProviderType
public interface SharedInformer {

    ResourceType type();

    /** The namespace watched, or null for every namespace (and for cluster-scoped types). */
    String namespace();

    /**
     * Adds a handler. It first gets {@link ResourceEventHandler#onAdd} for every object already in
     * the cache, then every change after that, in order, on the informer's dispatcher thread.
     */
    HandlerRegistration addHandler(ResourceEventHandler handler);

    /** Reads the cache. */
    Lister lister();

    /** Whether the first list has arrived in the cache. */
    boolean hasSynced();

    /**
     * Waits until {@link #hasSynced()}.
     *
     * @return false when {@code timeout} passed first
     */
    boolean awaitSynced(Duration timeout) throws InterruptedException;

    /** The resourceVersion the cache reflects; null before the first list. */
    String lastSyncResourceVersion();
}
