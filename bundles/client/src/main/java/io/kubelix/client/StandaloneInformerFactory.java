package io.kubelix.client;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link SharedInformerFactory} made with {@link SharedInformerFactory#create}: its creator
 * closes it. (The OSGi service has no close: the framework ends it.)
 */
@ProviderType
public interface StandaloneInformerFactory extends SharedInformerFactory, AutoCloseable {

    /** Stops every informer of this factory; their caches stop changing and handlers stop hearing. */
    @Override
    void close();
}
