package io.kubelix.apiserver.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubelix.api.resource.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * OpenAPI v3 documents. They describe the paths and operations of every served type with its
 * group-version-kind and the {@code fieldValidation} parameter: that is what kubectl needs to leave
 * validation of {@code apply}, {@code create -f}, {@code replace} and {@code edit} to the server.
 * Each group-version document also carries the schemas of its kinds (for {@code kubectl explain}),
 * generated at build time into {@code openapi-schemas.json} next to this class. The schemas have no
 * patch merge keys, so strategic merge patch is not advertised and kubectl uses its built-in patch
 * metadata.
 */
final class OpenApi {
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final String[] PATCH_TYPES = {
            "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"};

    private final List<ResourceType> types;
    private final String hash;

    OpenApi(List<ResourceType> types) {
        this.types = types;
        // The schemas are part of the hash: kubectl caches documents by it.
        this.hash = Integer.toHexString(31 * types.hashCode() + Schemas.HASH);
    }

    /** The generated schemas, read once; empty (with a warning) if the build did not generate them. */
    private static final class Schemas {
        static final JsonObject KINDS;
        static final JsonObject SCHEMAS;
        static final int HASH;

        static {
            JsonObject all = load();
            KINDS = all.has("kinds") ? all.getAsJsonObject("kinds") : new JsonObject();
            SCHEMAS = all.has("schemas") ? all.getAsJsonObject("schemas") : new JsonObject();
            HASH = all.hashCode();
        }

        private static JsonObject load() {
            try (InputStream in = OpenApi.class.getResourceAsStream("openapi-schemas.json")) {
                if (in == null) {
                    LoggerFactory.getLogger(OpenApi.class).warn(
                            "openapi-schemas.json is missing from the bundle: OpenAPI documents carry no schemas"
                            + " and kubectl explain will not work (the build generates it unless tests are skipped"
                            + " with -Dmaven.test.skip)");
                    return new JsonObject();
                }
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    return JsonParser.parseReader(r).getAsJsonObject();
                }
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(OpenApi.class).warn("cannot read openapi-schemas.json: {}", e.toString());
                return new JsonObject();
            }
        }
    }

    /** The schema name of a served type, or null when there is no schema for it. */
    private static String schemaName(ResourceType t) {
        JsonElement name = Schemas.KINDS.get(t.group() + "/" + t.version() + "/" + t.kind());
        return name == null ? null : name.getAsString();
    }

    /** The named schemas and every schema they reference, directly or not. */
    private static JsonObject reachableSchemas(List<String> roots) {
        Map<String, JsonElement> found = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            JsonElement schema = Schemas.SCHEMAS.get(name);
            if (schema != null && found.putIfAbsent(name, schema) == null) {
                collectRefs(schema, pending);
            }
        }
        JsonObject o = new JsonObject();
        found.forEach(o::add);
        return o;
    }

    private static void collectRefs(JsonElement e, Deque<String> into) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getKey().equals("$ref") && m.getValue().isJsonPrimitive()
                        && m.getValue().getAsString().startsWith(REF_PREFIX)) {
                    into.add(m.getValue().getAsString().substring(REF_PREFIX.length()));
                } else {
                    collectRefs(m.getValue(), into);
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectRefs(x, into));
        }
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
        List<String> kindSchemas = new java.util.ArrayList<>();
        for (ResourceType t : types) {
            String gv = t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
            if (!gv.equals(groupVersionPath)) {
                continue;
            }
            String schema = schemaName(t);
            if (schema != null) {
                kindSchemas.add(schema);
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
        components.add("schemas", reachableSchemas(kindSchemas));
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
        String schema = schemaName(t);
        if (schema != null && (action.equals("post") || action.equals("put"))) {
            op.add("requestBody", body(ref(schema), "application/json"));
        } else if (action.equals("patch")) {
            // No strategic merge patch here: without merge keys in the schemas it would mislead kubectl.
            JsonObject anyObject = new JsonObject();
            anyObject.addProperty("type", "object");
            op.add("requestBody", body(anyObject, PATCH_TYPES));
        }
        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.addProperty("description", "OK");
        if (schema != null && !action.equals("list") && !action.equals("delete")) {
            ok.add("content", body(ref(schema), "application/json").getAsJsonObject("content"));
        }
        responses.add("200", ok);
        op.add("responses", responses);
        return op;
    }

    private static JsonObject ref(String schemaName) {
        JsonObject r = new JsonObject();
        r.addProperty("$ref", REF_PREFIX + schemaName);
        return r;
    }

    private static JsonObject body(JsonObject schema, String... mediaTypes) {
        JsonObject content = new JsonObject();
        for (String mediaType : mediaTypes) {
            JsonObject media = new JsonObject();
            media.add("schema", schema);
            content.add(mediaType, media);
        }
        JsonObject body = new JsonObject();
        body.add("content", content);
        return body;
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
