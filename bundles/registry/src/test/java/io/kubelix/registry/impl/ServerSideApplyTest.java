package io.kubelix.registry.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side apply and field ownership through the real registry over the real store. */
class ServerSideApplyTest {
    @TempDir
    Path dir;
    private MvKeyValueStore store;
    private ResourceRegistry registry;
    private ResourceType configMaps;
    private ResourceType deployments;

    @BeforeEach
    void start() throws Exception {
        store = MvKeyValueStore.open(dir.resolve("store.mv"), MvKeyValueStore.Settings.defaults());
        registry = ResourceRegistry.standalone(store, List.of(new BuiltinResourceDefinitions()));
        assertTrue(registry.awaitBootstrap(10_000), "boot namespaces were not created");
        configMaps = registry.findType("", "v1", "configmaps").orElseThrow();
        deployments = registry.findType("apps", "v1", "deployments").orElseThrow();
    }

    @AfterEach
    void stop() {
        registry.deactivate();
        store.close();
    }

    private JsonObject apply(ResourceType type, String name, String yaml, String manager, boolean force) {
        return registry.patch(type, "default", name, null, PatchType.APPLY_PATCH, yaml,
                new WriteOptions(false, manager, null, force));
    }

    private static String configMapYaml(String labels, String data) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n" + labels + "data:\n" + data;
    }

    private static String deploymentYaml(Integer replicas, String image) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                + (replicas == null ? "" : "  replicas: " + replicas + "\n")
                + "  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n"
                + "        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: " + image + "\n";
    }

    private static JsonObject entry(JsonObject object, String manager, String operation) {
        JsonElement list = Objects.metadata(object).get("managedFields");
        if (list == null) {
            return null;
        }
        for (JsonElement e : list.getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("manager").getAsString().equals(manager) && o.get("operation").getAsString().equals(operation)) {
                return o;
            }
        }
        return null;
    }

    private static JsonObject fieldsOf(JsonObject object, String manager, String operation) {
        JsonObject e = entry(object, manager, operation);
        return e == null ? null : e.getAsJsonObject("fieldsV1");
    }

    @Test
    void applyCreatesAndRecordsTheAppliersFields() {
        JsonObject created = apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "tool", false);
        JsonObject e = entry(created, "tool", "Apply");
        assertEquals("v1", e.get("apiVersion").getAsString());
        assertEquals("FieldsV1", e.get("fieldsType").getAsString());
        assertTrue(e.has("time"));
        assertEquals(Json.parseObject("{\"f:data\":{\"f:k\":{}},\"f:metadata\":{\"f:labels\":{\"f:a\":{}}}}"),
                e.getAsJsonObject("fieldsV1"));
        assertEquals(1, Objects.metadata(created).getAsJsonArray("managedFields").size());
        // stored, not just answered
        assertEquals(e, entry(registry.get(configMaps, "default", "cm", null), "tool", "Apply"));
    }

    @Test
    void reapplyWithoutAFieldRemovesIt() {
        apply(configMaps, "cm", configMapYaml("    keep: \"1\"\n    drop: \"1\"\n", "  k: v\n  gone: x\n"), "tool", false);
        JsonObject after = apply(configMaps, "cm", configMapYaml("    keep: \"1\"\n", "  k: v\n"), "tool", false);
        JsonObject labels = Objects.metadata(after).getAsJsonObject("labels");
        assertTrue(labels.has("keep"));
        assertFalse(labels.has("drop"));
        assertFalse(after.getAsJsonObject("data").has("gone"));
        assertFalse(fieldsOf(after, "tool", "Apply").getAsJsonObject("f:metadata").getAsJsonObject("f:labels")
                .has("f:drop"));
    }

    @Test
    void aDroppedFieldAnotherManagerAlsoOwnsStays() {
        apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "one", false);
        apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "two", false);
        JsonObject after = apply(configMaps, "cm", configMapYaml("    b: \"1\"\n", "  k: v\n"), "one", false);
        assertEquals("1", Objects.metadata(after).getAsJsonObject("labels").get("a").getAsString());
    }

    @Test
    void changingAFieldAnotherManagerOwnsConflicts() {
        apply(deployments, "web", deploymentYaml(2, "nginx:1"), "kubectl", false);
        registry.patch(deployments, "default", "web", null, PatchType.MERGE_PATCH, "{\"spec\":{\"replicas\":5}}",
                WriteOptions.manager("kubectl-scale"));
        ApiException e = assertThrows(ApiException.class,
                () -> apply(deployments, "web", deploymentYaml(3, "nginx:1"), "kubectl", false));
        assertEquals(409, e.code());
        assertEquals("Conflict", e.reason());
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas",
                e.getMessage());
        assertEquals(List.of(new FieldError("FieldManagerConflict", ".spec.replicas",
                "conflict with \"kubectl-scale\" using apps/v1")), e.causes());
        assertEquals(5, registry.get(deployments, "default", "web", null).getAsJsonObject("spec")
                .get("replicas").getAsInt(), "a rejected apply writes nothing");
    }

    @Test
    void forceTakesTheFieldOver() {
        apply(deployments, "web", deploymentYaml(2, "nginx:1"), "kubectl", false);
        registry.patch(deployments, "default", "web", null, PatchType.MERGE_PATCH, "{\"spec\":{\"replicas\":5}}",
                WriteOptions.manager("kubectl-scale"));
        JsonObject forced = apply(deployments, "web", deploymentYaml(3, "nginx:1"), "kubectl", true);
        assertEquals(3, forced.getAsJsonObject("spec").get("replicas").getAsInt());
        assertNull(entry(forced, "kubectl-scale", "Update"), "the other manager owned only replicas; its entry goes");
        assertTrue(fieldsOf(forced, "kubectl", "Apply").getAsJsonObject("f:spec").has("f:replicas"));
        // and now nobody else holds it: dropping it from the manifest removes it
        JsonObject dropped = apply(deployments, "web", deploymentYaml(null, "nginx:1"), "kubectl", false);
        assertEquals(1, dropped.getAsJsonObject("spec").get("replicas").getAsInt(), "back to the default");
    }

    @Test
    void applyingTheLiveValueSharesOwnershipWithoutConflict() {
        apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "one", false);
        JsonObject shared = apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "two", false);
        assertTrue(fieldsOf(shared, "one", "Apply").getAsJsonObject("f:data").has("f:k"));
        assertTrue(fieldsOf(shared, "two", "Apply").getAsJsonObject("f:data").has("f:k"));
        // but a different value from "two" now conflicts with "one"
        ApiException e = assertThrows(ApiException.class,
                () -> apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: other\n"), "two", false));
        assertEquals(".data.k", e.causes().get(0).field());
        assertEquals("conflict with \"one\" using v1", e.causes().get(0).message());
    }

    @Test
    void anUpdateTakesOwnershipOfWhatItChanged() {
        apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n  j: w\n"), "tool", false);
        JsonObject patched = registry.patch(configMaps, "default", "cm", null, PatchType.MERGE_PATCH,
                "{\"data\":{\"k\":\"changed\"}}", WriteOptions.manager("editor"));
        assertEquals(Json.parseObject("{\"f:data\":{\"f:k\":{}}}"), fieldsOf(patched, "editor", "Update"));
        JsonObject toolFields = fieldsOf(patched, "tool", "Apply");
        assertFalse(toolFields.getAsJsonObject("f:data").has("f:k"));
        assertTrue(toolFields.getAsJsonObject("f:data").has("f:j"));
        // the editor's value now survives the tool dropping k, and re-applying it conflicts
        JsonObject after = apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  j: w\n"), "tool", false);
        assertEquals("changed", after.getAsJsonObject("data").get("k").getAsString());
        ApiException e = assertThrows(ApiException.class,
                () -> apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n  j: w\n"), "tool", false));
        assertEquals(".data.k", e.causes().get(0).field());
    }

    @Test
    void aFieldAnUpdateRemovedIsOwnedByNobody() {
        apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n  j: w\n"), "tool", false);
        JsonObject patched = registry.patch(configMaps, "default", "cm", null, PatchType.MERGE_PATCH,
                "{\"data\":{\"k\":null}}", WriteOptions.manager("editor"));
        assertFalse(fieldsOf(patched, "tool", "Apply").getAsJsonObject("f:data").has("f:k"));
        assertNull(entry(patched, "editor", "Update"), "a removal owns nothing");
        JsonObject back = apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n  j: w\n"), "tool", false);
        assertEquals("v", back.getAsJsonObject("data").get("k").getAsString());
    }

    @Test
    void updatesRecordTheirManagerOrUnknown() {
        JsonObject created = registry.create(configMaps, "default", Json.parseObject(
                "{\"metadata\":{\"name\":\"plain\",\"managedFields\":[{\"manager\":\"liar\",\"operation\":\"Apply\","
                        + "\"fieldsV1\":{\"f:data\":{}}}]},\"data\":{\"a\":\"1\"}}"), WriteOptions.DEFAULT);
        JsonArray fields = Objects.metadata(created).getAsJsonArray("managedFields");
        assertEquals(1, fields.size(), "client-sent managedFields are ignored");
        assertEquals(Json.parseObject("{\"f:data\":{\"f:a\":{}}}"), fieldsOf(created, "unknown", "Update"));
        JsonObject replaced = created.deepCopy();
        Objects.metadataForWrite(replaced).add("managedFields", new JsonArray());
        replaced.getAsJsonObject("data").addProperty("b", "2");
        JsonObject updated = registry.update(configMaps, "default", "plain", null, replaced,
                WriteOptions.manager("kubectl-edit"));
        assertEquals(Json.parseObject("{\"f:data\":{\"f:b\":{}}}"), fieldsOf(updated, "kubectl-edit", "Update"));
        assertEquals(Json.parseObject("{\"f:data\":{\"f:a\":{}}}"), fieldsOf(updated, "unknown", "Update"));
    }

    @Test
    void containersAreOwnedByName() {
        apply(deployments, "web", deploymentYaml(2, "nginx:1"), "kubectl", false);
        JsonObject patched = registry.patch(deployments, "default", "web", null, PatchType.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:2\"}]}}}}",
                WriteOptions.manager("kubectl-set"));
        JsonObject container = fieldsOf(patched, "kubectl-set", "Update").getAsJsonObject("f:spec")
                .getAsJsonObject("f:template").getAsJsonObject("f:spec").getAsJsonObject("f:containers")
                .getAsJsonObject("k:{\"name\":\"nginx\"}");
        assertEquals(Json.parseObject("{\"f:image\":{}}"), container);
        ApiException e = assertThrows(ApiException.class,
                () -> apply(deployments, "web", deploymentYaml(2, "nginx:3"), "kubectl", false));
        assertEquals(".spec.template.spec.containers[name=\"nginx\"].image", e.causes().get(0).field());
    }

    @Test
    void applyNeedsAFieldManagerAndNoManagedFields() {
        ApiException missing = assertThrows(ApiException.class,
                () -> apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), null, false));
        assertEquals(400, missing.code());
        assertTrue(missing.getMessage().contains("fieldManager"), missing.getMessage());
        ApiException withFields = assertThrows(ApiException.class, () -> apply(configMaps, "cm",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  managedFields: []\n", "tool", false));
        assertEquals(400, withFields.code());
    }

    @Test
    void reapplyingTheSameConfigurationWritesNothing() {
        JsonObject first = apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "tool", false);
        JsonObject second = apply(configMaps, "cm", configMapYaml("    a: \"1\"\n", "  k: v\n"), "tool", false);
        assertEquals(Objects.resourceVersion(first), Objects.resourceVersion(second));
    }

    @Test
    void droppingAContainerFromTheManifestRemovesIt() {
        String two = deploymentYaml(1, "nginx:1") + "      - name: sidecar\n        image: busybox\n";
        apply(deployments, "web", two, "kubectl", false);
        JsonObject after = apply(deployments, "web", deploymentYaml(1, "nginx:1"), "kubectl", false);
        JsonArray containers = after.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers");
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.getAsJsonObject().get("name").getAsString()));
        assertEquals(List.of("nginx"), names);
    }
}
