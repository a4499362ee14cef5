package io.kubelix.api.resource;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import io.kubelix.api.validation.Names;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The kind-specific rules of a resource. The registry handles everything generic (metadata, names,
 * resourceVersion, generation, finalizers, status and spec separation); a strategy adds what only
 * this kind knows. Every method receives a private copy it may change.
 */
@ConsumerType
public interface ResourceStrategy {

    /** Fills in defaults the way Kubernetes does (for example a container's imagePullPolicy). */
    default void applyDefaults(JsonObject object) {
    }

    /**
     * Checks a new object (after defaulting). Generic metadata has been checked already; name format
     * rules that differ per kind belong here.
     */
    default List<FieldError> validateCreate(JsonObject object) {
        return List.of();
    }

    /** Checks an update: the rules of create, plus fields that may not change. */
    default List<FieldError> validateUpdate(JsonObject object, JsonObject old) {
        return validateCreate(object);
    }

    /**
     * Whether an object name must be a DNS-1123 label (63 characters, no dots) rather than a
     * DNS-1123 subdomain. Namespaces, Services and a few others use labels.
     */
    default boolean nameIsLabel() {
        return false;
    }

    /**
     * The problems with an object's name, in Kubernetes' words; empty when it is valid. By default
     * a DNS-1123 subdomain, or a label when {@link #nameIsLabel()}; RBAC kinds accept any path
     * segment.
     */
    default List<String> validateName(String name) {
        return nameIsLabel() ? Names.isDns1123Label(name) : Names.isDns1123Subdomain(name);
    }

    /**
     * Whether a create discards the status the client sent. True for most kinds, whose status is
     * written by controllers; false for kinds whose owner posts the status with the object (Nodes).
     */
    default boolean resetsStatusOnCreate() {
        return true;
    }

    /**
     * Values of the kind's selectable fields beyond metadata.name and metadata.namespace, for field
     * selectors: for pods {@code spec.nodeName} and {@code status.phase}, for secrets {@code type}.
     */
    default Map<String, String> selectableFields(JsonObject object) {
        return Map.of();
    }

    /**
     * Which top-level fields are the object's desired state. A change to any of them bumps
     * metadata.generation. For most kinds it is spec; ConfigMaps and Secrets have none.
     */
    default List<String> specFields() {
        return List.of("spec");
    }

    /**
     * For kinds with a scale subresource: the replica count is at {@code spec.replicas} and the
     * label selector at {@code spec.selector}; override for kinds that keep them elsewhere.
     */
    default String scaleSelector(JsonObject object) {
        return null;
    }
}
