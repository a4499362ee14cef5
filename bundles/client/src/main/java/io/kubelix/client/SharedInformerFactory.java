package io.kubelix.client;

import io.kubelix.api.resource.ResourceType;
import io.kubelix.client.internal.InformerFactory;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands out one {@link SharedInformer} per type and namespace, so every controller in the process
 * shares one list+watch and one cache per type. The OSGi service (over the in-process client) is
 * the one to use inside Kubelix; {@link #create} makes a private one over any client.
 */
@ProviderType
public interface SharedInformerFactory {

    /**
     * The informer for {@code type} in {@code namespace}, started on first request.
     *
     * @param namespace a namespace, or null for every namespace; ignored for cluster-scoped types
     * @throws IllegalArgumentException when the type cannot be listed and watched
     * @throws IllegalStateException    when the factory has been shut down
     */
    SharedInformer informer(ResourceType type, String namespace);

    /** The informer for {@code type} in every namespace. */
    default SharedInformer informer(ResourceType type) {
        return informer(type, null);
    }

    /**
     * A factory of your own over {@code client}, for use without OSGi or against a remote server;
     * close it to stop its informers.
     *
     * @param resyncPeriod how often every cached object is re-delivered as
     *                     {@link ResourceEventHandler#onUpdate}(o, o); zero for never
     */
    static StandaloneInformerFactory create(KubeClient client, Duration resyncPeriod) {
        return new InformerFactory(client, resyncPeriod);
    }
}
