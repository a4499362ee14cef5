/**
 * Served resource types and the service that reads and writes them.
 * <p>
 * {@link io.kubelix.api.resource.ResourceService} is the one path every write takes, whether it
 * arrives over REST or from an in-process client: defaulting, validation, admission, metadata
 * bookkeeping and the store. Kinds are contributed by
 * {@link io.kubelix.api.resource.ResourceDefinitionProvider} services, so a bundle can add kinds
 * while the platform runs.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.kubelix.api.resource;
