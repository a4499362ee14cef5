package io.kubelix.apiserver.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubelix.api.resource.ResourceType;
import java.util.List;

/**
 * OpenAPI v3 documents. For now they describe the paths and operations of every served type with
 * its group-version-kind and the {@code fieldValidation} parameter: that is what kubectl needs to
 * leave validation of {@code apply}, {@code create -f}, {@code replace} and {@code edit} to the
 * server. Schemas for {@code kubectl explain} are not served yet, and strategic merge patch is not
 * advertised, so kubectl uses its built-in patch metadata.
 */
final class OpenApi {
    private final List<ResourceType> types;
    private final String hash;

    OpenApi(List<ResourceType> types) {
        this.types = types;
        this.hash = Integer.toHexString(types.hashCode());
    }

    JsonObject index() {
        JsonObject paths = new JsonObject();
        java.util.Set<String> groupVersions = new java.util.LinkedHashSet<>();
        for (ResourceType t : types) {
            groupVersions.add(t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version());
        }
        for (String gv : groupVersions) {
            JsonObject entry = new JsonObject();
            entry.addProperty("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash);
            paths.add(gv, entry);
        }
        JsonObject o = new JsonObject();
        o.add("paths", paths);
        return o;
    }

    /** The document of one group version ("api/v1" or "apis/apps/v1"), or null. */
    JsonObject document(String groupVersionPath) {
        JsonObject paths = new JsonObject();
        for (ResourceType t : types) {
            String gv = t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
            if (!gv.equals(groupVersionPath)) {
                continue;
            }
            String base = "/" + gv + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
            JsonObject collection = new JsonObject();
            collection.add("get", operation(t, "list"));
            collection.add("post", operation(t, "post"));
            paths.add(base, collection);
            JsonObject item = new JsonObject();
            item.add("get", operation(t, "get"));
            item.add("put", operation(t, "put"));
            item.add("patch", operation(t, "patch"));
            item.add("delete", operation(t, "delete"));
            paths.add(base + "/{name}", item);
        }
        if (paths.isEmpty()) {
            return null;
        }
        JsonObject info = new JsonObject();
        info.addProperty("title", "Kubernetes");
        info.addProperty("version", ApiServlet.GIT_VERSION);
        JsonObject o = new JsonObject();
        o.addProperty("openapi", "3.0.0");
        o.add("info", info);
        o.add("paths", paths);
        JsonObject components = new JsonObject();
        components.add("schemas", new JsonObject());
        o.add("components", components);
        return o;
    }

    private static JsonObject operation(ResourceType t, String action) {
        JsonObject op = new JsonObject();
        op.addProperty("operationId", action + t.kind());
        op.addProperty("x-kubernetes-action", action);
        JsonObject gvk = new JsonObject();
        gvk.addProperty("group", t.group());
        gvk.addProperty("version", t.version());
        gvk.addProperty("kind", t.kind());
        op.add("x-kubernetes-group-version-kind", gvk);
        JsonArray parameters = new JsonArray();
        if (action.equals("post") || action.equals("put") || action.equals("patch")) {
            parameters.add(queryParameter("fieldValidation"));
            parameters.add(queryParameter("fieldManager"));
            parameters.add(queryParameter("dryRun"));
        }
        op.add("parameters", parameters);
        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.addProperty("description", "OK");
        responses.add("200", ok);
        op.add("responses", responses);
        return op;
    }

    private static JsonObject queryParameter(String name) {
        JsonObject p = new JsonObject();
        p.addProperty("name", name);
        p.addProperty("in", "query");
        p.addProperty("uniqueItems", true);
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "string");
        p.add("schema", schema);
        return p;
    }
}
