/**
 * The client every controller, the scheduler and the node agent use to talk to the API.
 * <p>
 * {@link io.kubelix.client.KubeClient} is the one interface for reading and writing objects; the
 * in-process implementation is an OSGi service (property {@code kubelix.client=in-process}), and
 * {@link io.kubelix.client.KubeClients#remote} builds one that talks HTTPS to an API server from a
 * {@link io.kubelix.client.KubeConfig}. {@link io.kubelix.client.SharedInformerFactory} keeps one
 * watched cache per resource type for everyone in the process, and
 * {@link io.kubelix.client.WorkQueue} with {@link io.kubelix.client.Controller} turns cache events
 * into retried, rate-limited reconcile calls.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.client;
