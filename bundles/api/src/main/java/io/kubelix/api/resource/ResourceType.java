package io.kubelix.api.resource;

import java.util.List;
import java.util.Objects;

/**
 * What the API serves for one resource: its group, version, kind and names, its scope, and which
 * subresources it has. This is the information discovery publishes.
 *
 * @param group        API group, "" for the core group
 * @param version      API version, for example "v1"
 * @param kind         the kind, for example "Deployment"
 * @param plural       the resource name in URLs, for example "deployments"
 * @param singular     the singular name, for example "deployment"
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   aliases such as "deploy"
 * @param categories   categories such as "all"
 * @param verbs        the verbs allowed on the collection and items
 * @param subresources subresources such as "status" and "scale"
 */
public record ResourceType(String group, String version, String kind, String plural, String singular,
        boolean namespaced, List<String> shortNames, List<String> categories, List<String> verbs,
        List<String> subresources) {

    /** The verbs of an ordinary read-write resource. */
    public static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");

    public ResourceType {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(singular, "singular");
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        verbs = List.copyOf(verbs);
        subresources = List.copyOf(subresources);
    }

    /** "v1" for the core group, otherwise "group/version": the value of an object's apiVersion. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "pods" or "deployments.apps": how kubectl and error messages name the resource. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    public boolean allows(String verb) {
        return verbs.contains(verb);
    }
}
