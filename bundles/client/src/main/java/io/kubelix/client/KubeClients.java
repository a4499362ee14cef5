package io.kubelix.client;

import io.kubelix.api.resource.ResourceService;
import io.kubelix.client.internal.InProcessKubeClient;
import io.kubelix.client.internal.RemoteKubeClient;

/** Builds clients outside of OSGi service lookup. */
public final class KubeClients {
    private KubeClients() {
    }

    /**
     * A client for the API server a kubeconfig points at, over HTTPS (HTTP/1.1) with the
     * kubeconfig's CA, bearer token or client certificate. It holds no resources that need closing
     * beyond the watches it opens.
     */
    public static KubeClient remote(KubeConfig config) {
        return new RemoteKubeClient(config);
    }

    /**
     * A client that calls a {@link ResourceService} directly, as the OSGi service does; for code
     * running without OSGi, such as tests.
     */
    public static KubeClient inProcess(ResourceService service) {
        return new InProcessKubeClient(service);
    }
}
