package io.kubelix.apiserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI v3 documents carry the schemas kubectl explain walks (generated at build time). */
class OpenApiSchemasTest {
    private static final List<ResourceType> TYPES = new BuiltinResourceDefinitions().definitions().stream()
            .map(ResourceDefinition::type).toList();

    private final OpenApi openApi = new OpenApi(TYPES);

    @Test
    void podSchemaCarriesItsGroupVersionKindAndLeadsToTheLivenessProbe() {
        JsonObject doc = openApi.document("api/v1");
        JsonObject schemas = doc.getAsJsonObject("components").getAsJsonObject("schemas");
        JsonObject pod = schemaWithGvk(schemas, "", "v1", "Pod");
        assertNotNull(pod, "no schema in api/v1 carries x-kubernetes-group-version-kind v1 Pod");

        JsonObject spec = resolve(schemas, pod.getAsJsonObject("properties").getAsJsonObject("spec"));
        JsonObject containers = spec.getAsJsonObject("properties").getAsJsonObject("containers");
        assertEquals("array", containers.get("type").getAsString());
        JsonObject container = resolve(schemas, containers.getAsJsonObject("items"));
        JsonObject liveness = container.getAsJsonObject("properties").getAsJsonObject("livenessProbe");
        assertNotNull(liveness, "Container has no livenessProbe property");
        assertFalse(liveness.get("description").getAsString().isBlank(), "livenessProbe has no description");
        JsonObject probe = resolve(schemas, liveness);
        assertFalse(probe.get("description").getAsString().isBlank(), "the Probe schema has no description");
        JsonObject period = probe.getAsJsonObject("properties").getAsJsonObject("periodSeconds");
        assertEquals("integer", period.get("type").getAsString());
        assertFalse(period.get("description").getAsString().isBlank());
    }

    @Test
    void everyReferenceResolvesInsideItsOwnDocument() {
        JsonObject index = openApi.index().getAsJsonObject("paths");
        assertTrue(index.has("apis/apps/v1"));
        int withSchemas = 0;
        for (String gv : index.keySet()) {
            JsonObject doc = openApi.document(gv);
            JsonObject schemas = doc.getAsJsonObject("components").getAsJsonObject("schemas");
            withSchemas += schemas.isEmpty() ? 0 : 1;
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            for (String ref : refs) {
                assertTrue(ref.startsWith("#/components/schemas/") && schemas.has(ref.substring(21)),
                        gv + ": unresolved $ref " + ref);
            }
        }
        assertEquals(index.size(), withSchemas, "every served group version has schemas");
    }

    @Test
    void operationsReferenceTheKindSchemaWithoutAdvertisingStrategicMergePatch() {
        JsonObject doc = openApi.document("apis/apps/v1");
        JsonObject item = doc.getAsJsonObject("paths").getAsJsonObject("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
        String ref = item.getAsJsonObject("put").getAsJsonObject("requestBody").getAsJsonObject("content")
                .getAsJsonObject("application/json").getAsJsonObject("schema").get("$ref").getAsString();
        JsonObject deployment = doc.getAsJsonObject("components").getAsJsonObject("schemas")
                .getAsJsonObject(ref.substring("#/components/schemas/".length()));
        assertEquals("Deployment", deployment.getAsJsonArray("x-kubernetes-group-version-kind").get(0)
                .getAsJsonObject().get("kind").getAsString());
        JsonObject patchContent = item.getAsJsonObject("patch").getAsJsonObject("requestBody").getAsJsonObject("content");
        assertTrue(patchContent.has("application/merge-patch+json"));
        assertFalse(patchContent.has("application/strategic-merge-patch+json"));
    }

    private static JsonObject schemaWithGvk(JsonObject schemas, String group, String version, String kind) {
        for (Map.Entry<String, JsonElement> e : schemas.entrySet()) {
            JsonElement gvks = e.getValue().getAsJsonObject().get("x-kubernetes-group-version-kind");
            if (gvks == null) {
                continue;
            }
            for (JsonElement g : gvks.getAsJsonArray()) {
                JsonObject o = g.getAsJsonObject();
                if (o.get("group").getAsString().equals(group) && o.get("version").getAsString().equals(version)
                        && o.get("kind").getAsString().equals(kind)) {
                    return e.getValue().getAsJsonObject();
                }
            }
        }
        return null;
    }

    /** Follows a property's {@code $ref}, bare or wrapped in a one-element allOf. */
    private static JsonObject resolve(JsonObject schemas, JsonObject property) {
        JsonObject target = property;
        if (property.has("allOf")) {
            target = property.getAsJsonArray("allOf").get(0).getAsJsonObject();
        }
        String ref = target.get("$ref").getAsString();
        JsonObject schema = schemas.getAsJsonObject(ref.substring("#/components/schemas/".length()));
        assertNotNull(schema, "unresolved " + ref);
        return schema;
    }

    private static void collectRefs(JsonElement e, List<String> into) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                // CustomResourceDefinition's JSONSchemaProps has a property named "$ref": an object, not a reference.
                if (m.getKey().equals("$ref") && m.getValue().isJsonPrimitive()) {
                    into.add(m.getValue().getAsString());
                } else {
                    collectRefs(m.getValue(), into);
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectRefs(x, into));
        }
    }
}
