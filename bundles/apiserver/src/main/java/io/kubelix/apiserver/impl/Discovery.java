package io.kubelix.apiserver.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.apiserver.impl.auth.ReviewEndpoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents, built from the types the registry serves now: the legacy documents
 * ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/g/v}) and the aggregated v2 ones
 * kubectl prefers (two requests instead of one per group version).
 */
final class Discovery {
    /** Group preference order: versions listed first are preferred (autoscaling/v2 over v1). */
    private static final Comparator<String> VERSION_ORDER = Comparator.comparingInt(Discovery::versionRank).reversed();

    private final List<ResourceType> types;

    Discovery(List<ResourceType> types) {
        this.types = types;
    }

    JsonObject apiVersions(String serverAddress) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "APIVersions");
        JsonArray versions = new JsonArray();
        versions.add("v1");
        o.add("versions", versions);
        JsonArray cidrs = new JsonArray();
        JsonObject cidr = new JsonObject();
        cidr.addProperty("clientCIDR", "0.0.0.0/0");
        cidr.addProperty("serverAddress", serverAddress);
        cidrs.add(cidr);
        o.add("serverAddressByClientCIDRs", cidrs);
        return o;
    }

    /** group name -> versions, preferred first; the core group is not included. */
    Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType t : types) {
            if (!t.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(t.group(), g -> new ArrayList<>());
                if (!versions.contains(t.version())) {
                    versions.add(t.version());
                }
            }
        }
        groups.values().forEach(v -> v.sort(VERSION_ORDER));
        return groups;
    }

    JsonObject apiGroupList() {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "APIGroupList");
        o.addProperty("apiVersion", "v1");
        JsonArray list = new JsonArray();
        groups().forEach((group, versions) -> list.add(apiGroup(group, versions)));
        o.add("groups", list);
        return o;
    }

    JsonObject apiGroup(String group) {
        List<String> versions = groups().get(group);
        if (versions == null) {
            return null;
        }
        JsonObject o = apiGroup(group, versions);
        o.addProperty("kind", "APIGroup");
        o.addProperty("apiVersion", "v1");
        return o;
    }

    private static JsonObject apiGroup(String group, List<String> versions) {
        JsonObject g = new JsonObject();
        g.addProperty("name", group);
        JsonArray list = new JsonArray();
        for (String v : versions) {
            JsonObject gv = new JsonObject();
            gv.addProperty("groupVersion", group + "/" + v);
            gv.addProperty("version", v);
            list.add(gv);
        }
        g.add("versions", list);
        g.add("preferredVersion", list.get(0).deepCopy());
        return g;
    }

    /** The APIResourceList of one group version, or null when nothing is served there. */
    JsonObject resourceList(String group, String version) {
        JsonArray resources = new JsonArray();
        for (ResourceType t : types) {
            if (!t.group().equals(group) || !t.version().equals(version)) {
                continue;
            }
            JsonObject r = new JsonObject();
            r.addProperty("name", t.plural());
            r.addProperty("singularName", t.singular());
            r.addProperty("namespaced", t.namespaced());
            r.addProperty("kind", t.kind());
            r.add("verbs", strings(t.verbs()));
            if (!t.shortNames().isEmpty()) {
                r.add("shortNames", strings(t.shortNames()));
            }
            if (!t.categories().isEmpty()) {
                r.add("categories", strings(t.categories()));
            }
            resources.add(r);
            for (String sub : t.subresources()) {
                JsonObject s = new JsonObject();
                s.addProperty("name", t.plural() + "/" + sub);
                s.addProperty("singularName", "");
                s.addProperty("namespaced", t.namespaced());
                if (sub.equals("scale")) {
                    s.addProperty("group", "autoscaling");
                    s.addProperty("version", "v1");
                    s.addProperty("kind", "Scale");
                } else {
                    s.addProperty("kind", t.kind());
                }
                s.add("verbs", strings(List.of("get", "patch", "update")));
                resources.add(s);
            }
            for (ReviewEndpoints.Subresource sub : ReviewEndpoints.subresources(t)) {
                JsonObject s = new JsonObject();
                s.addProperty("name", t.plural() + "/" + sub.name());
                s.addProperty("singularName", "");
                s.addProperty("namespaced", t.namespaced());
                s.addProperty("group", sub.group());
                s.addProperty("version", sub.version());
                s.addProperty("kind", sub.kind());
                s.add("verbs", strings(sub.verbs()));
                resources.add(s);
            }
        }
        if (resources.isEmpty()) {
            return null;
        }
        JsonObject o = new JsonObject();
        o.addProperty("kind", "APIResourceList");
        o.addProperty("apiVersion", "v1");
        o.addProperty("groupVersion", group.isEmpty() ? version : group + "/" + version);
        o.add("resources", resources);
        return o;
    }

    /**
     * The aggregated discovery list ({@code apidiscovery.k8s.io}) of the core group ({@code core}
     * true) or of the named groups.
     */
    JsonObject aggregated(boolean core, String discoveryVersion) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "APIGroupDiscoveryList");
        o.addProperty("apiVersion", "apidiscovery.k8s.io/" + discoveryVersion);
        o.add("metadata", new JsonObject());
        JsonArray items = new JsonArray();
        if (core) {
            items.add(aggregatedGroup("", List.of("v1")));
        } else {
            groups().forEach((group, versions) -> items.add(aggregatedGroup(group, versions)));
        }
        o.add("items", items);
        return o;
    }

    private JsonObject aggregatedGroup(String group, List<String> versions) {
        JsonObject g = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", group);
        metadata.addProperty("creationTimestamp", (String) null);
        g.add("metadata", metadata);
        JsonArray versionList = new JsonArray();
        for (String version : versions) {
            JsonObject v = new JsonObject();
            v.addProperty("version", version);
            v.addProperty("freshness", "Current");
            JsonArray resources = new JsonArray();
            for (ResourceType t : types) {
                if (!t.group().equals(group) || !t.version().equals(version)) {
                    continue;
                }
                JsonObject r = new JsonObject();
                r.addProperty("resource", t.plural());
                r.add("responseKind", gvk(t.group(), t.version(), t.kind()));
                r.addProperty("scope", t.namespaced() ? "Namespaced" : "Cluster");
                r.addProperty("singularResource", t.singular());
                r.add("verbs", strings(t.verbs()));
                if (!t.shortNames().isEmpty()) {
                    r.add("shortNames", strings(t.shortNames()));
                }
                if (!t.categories().isEmpty()) {
                    r.add("categories", strings(t.categories()));
                }
                List<ReviewEndpoints.Subresource> served = ReviewEndpoints.subresources(t);
                if (!t.subresources().isEmpty() || !served.isEmpty()) {
                    JsonArray subs = new JsonArray();
                    for (String sub : t.subresources()) {
                        JsonObject s = new JsonObject();
                        s.addProperty("subresource", sub);
                        s.add("responseKind", sub.equals("scale") ? gvk("autoscaling", "v1", "Scale")
                                : gvk(t.group(), t.version(), t.kind()));
                        s.add("verbs", strings(List.of("get", "patch", "update")));
                        subs.add(s);
                    }
                    for (ReviewEndpoints.Subresource sub : served) {
                        JsonObject s = new JsonObject();
                        s.addProperty("subresource", sub.name());
                        s.add("responseKind", gvk(sub.group(), sub.version(), sub.kind()));
                        s.add("verbs", strings(sub.verbs()));
                        subs.add(s);
                    }
                    r.add("subresources", subs);
                }
                resources.add(r);
            }
            v.add("resources", resources);
            versionList.add(v);
        }
        g.add("versions", versionList);
        return g;
    }

    private static JsonObject gvk(String group, String version, String kind) {
        JsonObject o = new JsonObject();
        o.addProperty("group", group);
        o.addProperty("version", version);
        o.addProperty("kind", kind);
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** v2 > v1 > v1beta2 > v1beta1 > v1alpha1, as Kubernetes orders versions. */
    private static int versionRank(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?").matcher(version);
        if (!m.matches()) {
            return 0;
        }
        int major = Integer.parseInt(m.group(1));
        int stability = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return major * 10000 + stability * 1000 + minor;
    }
}
