package io.kubelix.api.resource;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes resource types to the API. Registered as an OSGi service; the registry serves the
 * definitions of every provider present, and stops serving them when the provider goes.
 */
@ConsumerType
public interface ResourceDefinitionProvider {
    List<ResourceDefinition> definitions();
}
