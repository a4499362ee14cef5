package io.kubelix.registry.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over the real embedded store and the real built-in kinds. */
class ResourceRegistryTest {
    @TempDir
    Path dir;
    private MvKeyValueStore store;
    private ResourceRegistry registry;
    private ResourceType configMaps;
    private ResourceType namespaces;
    private ResourceType deployments;
    private ResourceType pods;

    @BeforeEach
    void start() throws Exception {
        store = MvKeyValueStore.open(dir.resolve("store.mv"), MvKeyValueStore.Settings.defaults());
        registry = ResourceRegistry.standalone(store, List.of(new BuiltinResourceDefinitions()));
        assertTrue(registry.awaitBootstrap(10_000), "boot namespaces were not created");
        configMaps = registry.findType("", "v1", "configmaps").orElseThrow();
        namespaces = registry.findType("", "v1", "namespaces").orElseThrow();
        deployments = registry.findType("apps", "v1", "deployments").orElseThrow();
        pods = registry.findType("", "v1", "pods").orElseThrow();
    }

    @AfterEach
    void stop() {
        registry.deactivate();
        store.close();
    }

    private static JsonObject json(String text) {
        return Json.parseObject(text.replace('\'', '"'));
    }

    private JsonObject configMap(String name, String value) {
        return json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'" + name
                + "','labels':{'app':'web'}},'data':{'key':'" + value + "'}}");
    }

    private JsonObject deployment(String name, int replicas) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'" + name + "'},'spec':{"
                + "'replicas':" + replicas + ",'selector':{'matchLabels':{'app':'" + name + "'}},"
                + "'template':{'metadata':{'labels':{'app':'" + name + "'}},'spec':{'containers':["
                + "{'name':'main','image':'busybox:1.36'}]}}}}");
    }

    @Test
    void bootNamespacesAndDefaultServiceAccountsExist() {
        Set<String> names = new HashSet<>();
        registry.list(namespaces, null, ListOptions.ALL).items().forEach(n -> names.add(Objects.name(n)));
        assertTrue(names.containsAll(List.of("default", "kube-system", "kube-public", "kube-node-lease")), names.toString());
        ResourceType sa = registry.findType("", "v1", "serviceaccounts").orElseThrow();
        assertNotNull(registry.get(sa, "kube-system", "default", null));
    }

    @Test
    void createSetsServerOwnedMetadataAndResourceVersion() {
        JsonObject sent = configMap("one", "a");
        sent.getAsJsonObject("metadata").addProperty("uid", "client-chosen");
        JsonObject created = registry.create(configMaps, "default", sent, WriteOptions.DEFAULT);
        assertNotEquals("client-chosen", Objects.uid(created));
        assertNotNull(Objects.pathString(created, "metadata.creationTimestamp"));
        assertEquals("default", Objects.namespace(created));
        assertEquals(Long.toString(store.revision()), Objects.resourceVersion(created));
        assertEquals(created, registry.get(configMaps, "default", "one", null));
    }

    @Test
    void generateNameMakesAUniqueName() {
        JsonObject body = json("{'metadata':{'generateName':'web-'},'data':{}}");
        String a = Objects.name(registry.create(configMaps, "default", body, WriteOptions.DEFAULT));
        String b = Objects.name(registry.create(configMaps, "default", body, WriteOptions.DEFAULT));
        assertTrue(a.startsWith("web-") && a.length() == 9, a);
        assertNotEquals(a, b);
    }

    @Test
    void duplicateCreateIsAlreadyExistsAndInvalidNameIsRejectedWithoutTrace() {
        registry.create(configMaps, "default", configMap("dup", "a"), WriteOptions.DEFAULT);
        ApiException dup = assertThrows(ApiException.class,
                () -> registry.create(configMaps, "default", configMap("dup", "b"), WriteOptions.DEFAULT));
        assertEquals(409, dup.code());
        assertEquals("AlreadyExists", dup.reason());
        long revision = store.revision();
        ApiException invalid = assertThrows(ApiException.class,
                () -> registry.create(configMaps, "default", configMap("Bad_Name", "b"), WriteOptions.DEFAULT));
        assertEquals(422, invalid.code());
        assertEquals("metadata.name", invalid.causes().get(0).field());
        assertEquals(revision, store.revision(), "a rejected create must not write");
    }

    @Test
    void createInMissingNamespaceIsNotFound() {
        ApiException e = assertThrows(ApiException.class,
                () -> registry.create(configMaps, "nowhere", configMap("x", "a"), WriteOptions.DEFAULT));
        assertEquals(404, e.code());
        assertEquals("namespaces \"nowhere\" not found", e.getMessage());
    }

    @Test
    void updateChecksResourceVersionAndSkipsNoOps() {
        JsonObject created = registry.create(configMaps, "default", configMap("cm", "a"), WriteOptions.DEFAULT);
        JsonObject stale = created.deepCopy();
        JsonObject changed = created.deepCopy();
        changed.getAsJsonObject("data").addProperty("key", "b");
        JsonObject updated = registry.update(configMaps, "default", "cm", null, changed, WriteOptions.DEFAULT);
        assertNotEquals(Objects.resourceVersion(created), Objects.resourceVersion(updated));
        stale.getAsJsonObject("data").addProperty("key", "c");
        ApiException conflict = assertThrows(ApiException.class,
                () -> registry.update(configMaps, "default", "cm", null, stale, WriteOptions.DEFAULT));
        assertEquals(409, conflict.code());
        assertEquals("Conflict", conflict.reason());
        long revision = store.revision();
        JsonObject same = registry.update(configMaps, "default", "cm", null, updated, WriteOptions.DEFAULT);
        assertEquals(Objects.resourceVersion(updated), Objects.resourceVersion(same));
        assertEquals(revision, store.revision(), "a no-op update must not write");
    }

    @Test
    void generationCountsSpecChangesOnlyAndStatusIsItsOwnSubresource() {
        JsonObject created = registry.create(deployments, "default", deployment("web", 2), WriteOptions.DEFAULT);
        assertEquals(1, Objects.path(created, "metadata.generation").getAsInt());
        JsonObject labelled = registry.patch(deployments, "default", "web", null, PatchType.MERGE_PATCH,
                "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}", WriteOptions.DEFAULT);
        assertEquals(1, Objects.path(labelled, "metadata.generation").getAsInt());
        JsonObject statusSet = registry.patch(deployments, "default", "web", "status", PatchType.MERGE_PATCH,
                "{\"status\":{\"replicas\":2},\"spec\":{\"replicas\":9}}", WriteOptions.DEFAULT);
        assertEquals(2, Objects.path(statusSet, "status.replicas").getAsInt());
        assertEquals(2, Objects.path(statusSet, "spec.replicas").getAsInt(), "a status write changed the spec");
        JsonObject scaled = registry.patch(deployments, "default", "web", null, PatchType.MERGE_PATCH,
                "{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":0}}", WriteOptions.DEFAULT);
        assertEquals(2, Objects.path(scaled, "metadata.generation").getAsInt());
        assertEquals(2, Objects.path(scaled, "status.replicas").getAsInt(), "a main write changed the status");
    }

    @Test
    void scaleSubresourceReadsAndWritesReplicas() {
        registry.create(deployments, "default", deployment("api", 1), WriteOptions.DEFAULT);
        JsonObject scale = registry.get(deployments, "default", "api", "scale");
        assertEquals("Scale", Objects.kind(scale));
        assertEquals("autoscaling/v1", Objects.apiVersion(scale));
        assertEquals(1, Objects.path(scale, "spec.replicas").getAsInt());
        assertEquals("app=api", Objects.pathString(scale, "status.selector"));
        JsonObject after = registry.patch(deployments, "default", "api", "scale", PatchType.MERGE_PATCH,
                "{\"spec\":{\"replicas\":5}}", WriteOptions.DEFAULT);
        assertEquals(5, Objects.path(after, "spec.replicas").getAsInt());
        assertEquals(5, Objects.path(registry.get(deployments, "default", "api", null), "spec.replicas").getAsInt());
    }

    @Test
    void strategicMergePatchMergesContainersByName() {
        registry.create(deployments, "default", deployment("smp", 1), WriteOptions.DEFAULT);
        JsonObject patched = registry.patch(deployments, "default", "smp", null, PatchType.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"main\"},"
                        + "{\"name\":\"side\"}],\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.37\"},"
                        + "{\"name\":\"side\",\"image\":\"busybox:1.36\"}]}}}}",
                WriteOptions.DEFAULT);
        var containers = Objects.path(patched, "spec.template.spec.containers").getAsJsonArray();
        assertEquals(2, containers.size());
        assertEquals("busybox:1.37", Objects.string(containers.get(0).getAsJsonObject(), "image"));
        assertEquals("IfNotPresent", Objects.string(containers.get(0).getAsJsonObject(), "imagePullPolicy"),
                "merging by name must keep the container's other fields");
        assertEquals("side", Objects.string(containers.get(1).getAsJsonObject(), "name"));
    }

    @Test
    void patchWithStaleResourceVersionIsAConflict() {
        JsonObject created = registry.create(configMaps, "default", configMap("rv", "a"), WriteOptions.DEFAULT);
        registry.patch(configMaps, "default", "rv", null, PatchType.MERGE_PATCH, "{\"data\":{\"key\":\"b\"}}",
                WriteOptions.DEFAULT);
        ApiException e = assertThrows(ApiException.class, () -> registry.patch(configMaps, "default", "rv", null,
                PatchType.MERGE_PATCH, "{\"metadata\":{\"resourceVersion\":\"" + Objects.resourceVersion(created)
                        + "\"},\"data\":{\"key\":\"c\"}}", WriteOptions.DEFAULT));
        assertEquals(409, e.code());
    }

    @Test
    void badJsonPatchIsRejectedAndLeavesTheObject() {
        JsonObject created = registry.create(configMaps, "default", configMap("jp", "a"), WriteOptions.DEFAULT);
        ApiException e = assertThrows(ApiException.class, () -> registry.patch(configMaps, "default", "jp", null,
                PatchType.JSON_PATCH, "[{\"op\":\"replace\",\"path\":\"/data/missing/deep\",\"value\":1}]",
                WriteOptions.DEFAULT));
        assertEquals(422, e.code());
        assertEquals(created, registry.get(configMaps, "default", "jp", null));
    }

    @Test
    void finalizersHoldAnObjectUntilRemoved() {
        JsonObject body = configMap("held", "a");
        body.getAsJsonObject("metadata").add("finalizers", Json.parse("[\"example.com/hold\"]"));
        registry.create(configMaps, "default", body, WriteOptions.DEFAULT);
        JsonObject marked = registry.delete(configMaps, "default", "held", DeleteOptions.DEFAULT);
        assertNotNull(Objects.pathString(marked, "metadata.deletionTimestamp"));
        assertNotNull(registry.get(configMaps, "default", "held", null));
        registry.patch(configMaps, "default", "held", null, PatchType.MERGE_PATCH,
                "{\"metadata\":{\"finalizers\":null}}", WriteOptions.DEFAULT);
        ApiException gone = assertThrows(ApiException.class, () -> registry.get(configMaps, "default", "held", null));
        assertEquals(404, gone.code());
    }

    @Test
    void deletePreconditionsAreChecked() {
        registry.create(configMaps, "default", configMap("pre", "a"), WriteOptions.DEFAULT);
        ApiException e = assertThrows(ApiException.class, () -> registry.delete(configMaps, "default", "pre",
                new DeleteOptions(null, null, "not-the-uid", null, false)));
        assertEquals(409, e.code());
        assertNotNull(registry.get(configMaps, "default", "pre", null));
    }

    @Test
    void deletingANamespaceDeletesItsContentThenItself() throws Exception {
        registry.create(namespaces, null, json("{'metadata':{'name':'doomed'}}"), WriteOptions.DEFAULT);
        registry.create(configMaps, "doomed", configMap("inside", "a"), WriteOptions.DEFAULT);
        JsonObject marked = registry.delete(namespaces, null, "doomed", DeleteOptions.DEFAULT);
        assertEquals("Terminating", Objects.pathString(marked, "status.phase"));
        ApiException refused = assertThrows(ApiException.class,
                () -> registry.create(configMaps, "doomed", configMap("late", "a"), WriteOptions.DEFAULT));
        assertEquals(403, refused.code());
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                registry.get(namespaces, null, "doomed", null);
                Thread.sleep(50);
            } catch (ApiException e) {
                assertEquals(404, e.code());
                assertTrue(registry.list(configMaps, "doomed", ListOptions.ALL).items().isEmpty());
                return;
            }
        }
        throw new AssertionError("the namespace was not removed");
    }

    @Test
    void protectedNamespacesCannotBeDeleted() {
        ApiException e = assertThrows(ApiException.class,
                () -> registry.delete(namespaces, null, "default", DeleteOptions.DEFAULT));
        assertEquals(403, e.code());
    }

    @Test
    void selectorsFilterAndUnsupportedFieldsAreBadRequests() {
        registry.create(configMaps, "default", configMap("sel-a", "a"), WriteOptions.DEFAULT);
        JsonObject other = configMap("sel-b", "b");
        other.getAsJsonObject("metadata").add("labels", json("{'app':'db'}"));
        registry.create(configMaps, "default", other, WriteOptions.DEFAULT);
        assertEquals(List.of("sel-b"), names(registry.list(configMaps, "default", ListOptions.labels("app=db"))));
        assertEquals(List.of("sel-a"), names(registry.list(configMaps, "default",
                new ListOptions(null, "metadata.name=sel-a", 0, null, null, null, false, 0))));
        ApiException e = assertThrows(ApiException.class, () -> registry.list(configMaps, "default",
                new ListOptions(null, "spec.nothing=x", 0, null, null, null, false, 0)));
        assertEquals(400, e.code());
        ApiException bad = assertThrows(ApiException.class,
                () -> registry.list(configMaps, "default", ListOptions.labels("app in (")));
        assertEquals(400, bad.code());
    }

    @Test
    void paginationReadsOneSnapshot() {
        for (int i = 0; i < 12; i++) {
            registry.create(configMaps, "default", configMap(String.format("page-%02d", i), "v"), WriteOptions.DEFAULT);
        }
        ListOptions first = new ListOptions("app=web", null, 5, null, null, null, false, 0);
        ObjectList page = registry.list(configMaps, "default", first);
        assertEquals(5, page.items().size());
        assertNotNull(page.continueToken());
        String snapshot = page.resourceVersion();
        // Changes after the first page must not show in later pages.
        registry.create(configMaps, "default", configMap("page-99", "new"), WriteOptions.DEFAULT);
        registry.delete(configMaps, "default", "page-11", DeleteOptions.DEFAULT);
        List<String> all = new ArrayList<>(names(page));
        while (page.continueToken() != null) {
            page = registry.list(configMaps, "default",
                    new ListOptions("app=web", null, 5, page.continueToken(), null, null, false, 0));
            assertEquals(snapshot, page.resourceVersion());
            all.addAll(names(page));
        }
        assertEquals(12, all.size(), all.toString());
        assertTrue(all.contains("page-11") && !all.contains("page-99"), all.toString());
    }

    @Test
    void watchFromAResourceVersionSeesLaterChangesWithSelectorTransitions() throws Exception {
        JsonObject created = registry.create(configMaps, "default", configMap("w", "a"), WriteOptions.DEFAULT);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ObjectWatcher watcher = (type, object) -> events.add(type + " " + Objects.name(object) + " "
                + Objects.string(object.getAsJsonObject("data"), "key"));
        try (WatchHandle ignored = registry.watch(configMaps, "default",
                new ListOptions("app=web", null, 0, null, Objects.resourceVersion(created), null, false, 0), watcher)) {
            registry.patch(configMaps, "default", "w", null, PatchType.MERGE_PATCH, "{\"data\":{\"key\":\"b\"}}",
                    WriteOptions.DEFAULT);
            registry.patch(configMaps, "default", "w", null, PatchType.MERGE_PATCH,
                    "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}", WriteOptions.DEFAULT);
            registry.create(configMaps, "default", configMap("w2", "c"), WriteOptions.DEFAULT);
            registry.delete(configMaps, "default", "w2", DeleteOptions.DEFAULT);
            assertEquals("MODIFIED w b", events.poll(5, TimeUnit.SECONDS));
            assertEquals("DELETED w b", events.poll(5, TimeUnit.SECONDS), "leaving the selector is a delete");
            assertEquals("ADDED w2 c", events.poll(5, TimeUnit.SECONDS));
            assertEquals("DELETED w2 c", events.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void watchWithoutResourceVersionStartsWithTheCurrentState() throws Exception {
        registry.create(configMaps, "default", configMap("existing", "a"), WriteOptions.DEFAULT);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (WatchHandle ignored = registry.watch(configMaps, "default", ListOptions.ALL,
                (type, object) -> events.add(type + " " + Objects.name(object)))) {
            assertEquals("ADDED existing", events.poll(5, TimeUnit.SECONDS));
            registry.create(configMaps, "default", configMap("fresh", "a"), WriteOptions.DEFAULT);
            assertEquals("ADDED fresh", events.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void watchFromACompactedRevisionIsGone() {
        JsonObject created = registry.create(configMaps, "default", configMap("old", "a"), WriteOptions.DEFAULT);
        registry.patch(configMaps, "default", "old", null, PatchType.MERGE_PATCH, "{\"data\":{\"key\":\"b\"}}",
                WriteOptions.DEFAULT);
        store.compact(store.revision());
        ApiException e = assertThrows(ApiException.class, () -> registry.watch(configMaps, "default",
                ListOptions.ALL.withResourceVersion(Objects.resourceVersion(created)), (t, o) -> { }));
        assertEquals(410, e.code());
        assertEquals("Expired", e.reason());
    }

    @Test
    void dryRunValidatesButWritesNothing() {
        long revision = store.revision();
        JsonObject answer = registry.create(configMaps, "default", configMap("dry", "a"),
                new WriteOptions(true, null, null, false));
        assertEquals("dry", Objects.name(answer));
        assertEquals(revision, store.revision());
        assertThrows(ApiException.class, () -> registry.get(configMaps, "default", "dry", null));
    }

    @Test
    void podStatusFromTheClientIsIgnoredOnCreate() {
        JsonObject pod = json("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'busybox'}]},"
                + "'status':{'phase':'Running'}}");
        JsonObject created = registry.create(pods, "default", pod, WriteOptions.DEFAULT);
        assertNotEquals("Running", Objects.pathString(created, "status.phase"));
        assertNull(Objects.pathString(created, "status.podIP"));
        assertFalse(created.toString().contains("client-chosen"));
    }

    @Test
    void rbacNamesArePathSegmentsAndNodesKeepTheirStatus() {
        ResourceType clusterRoles = registry.findType("rbac.authorization.k8s.io", "v1", "clusterroles").orElseThrow();
        registry.create(clusterRoles, null, json("{'metadata':{'name':'system:aggregate-to-admin'},'rules':[]}"),
                WriteOptions.DEFAULT);
        ApiException bad = assertThrows(ApiException.class, () -> registry.create(clusterRoles, null,
                json("{'metadata':{'name':'a/b'},'rules':[]}"), WriteOptions.DEFAULT));
        assertEquals(422, bad.code());
        ResourceType nodes = registry.findType("", "v1", "nodes").orElseThrow();
        JsonObject node = registry.create(nodes, null, json("{'metadata':{'name':'node-1'},'status':{'capacity':"
                + "{'cpu':'2','memory':'4Gi','pods':'110'}}}"), WriteOptions.DEFAULT);
        assertEquals("2", Objects.pathString(node, "status.capacity.cpu"));
    }

    @Test
    void encodedListIsTheDecodedListByteForByteInMeaning() {
        for (int i = 0; i < 5; i++) {
            registry.create(configMaps, "default", configMap("enc-" + i, "v" + i), WriteOptions.DEFAULT);
        }
        registry.create(deployments, "default", deployment("enc-d", 1), WriteOptions.DEFAULT);
        // An object stored in another field order (as older versions wrote it) takes the decoding path.
        store.txn(io.kubelix.api.store.Txn.when(io.kubelix.api.store.Compare.absent(
                "/registry/core/configmaps/default/enc-old"), io.kubelix.api.store.Op.put(
                "/registry/core/configmaps/default/enc-old", Json.writeBytes(json(
                "{'data':{'a':'b'},'metadata':{'name':'enc-old','namespace':'default','uid':'u'},'kind':'ConfigMap'}"))),
                null));
        for (ResourceType type : List.of(configMaps, deployments)) {
            for (ListOptions options : List.of(ListOptions.ALL, ListOptions.labels("app=web"))) {
                ObjectList decoded = registry.list(type, "default", options);
                var encoded = registry.listEncoded(type, "default", options);
                assertEquals(decoded.resourceVersion(), encoded.resourceVersion());
                assertEquals(decoded.items().size(), encoded.items().size());
                for (int i = 0; i < decoded.items().size(); i++) {
                    assertEquals(decoded.items().get(i), Json.parseObject(encoded.items().get(i)));
                }
            }
        }
    }

    @Test
    void emptyCollectionsAreNotKeptAsKubernetesOmitsThem() {
        JsonObject created = registry.create(configMaps, "default", json("{'metadata':{'name':'empties',"
                + "'annotations':{},'finalizers':[],'ownerReferences':[]},'binaryData':{},'data':{'k':'v'}}"),
                WriteOptions.DEFAULT);
        JsonObject metadata = Objects.metadata(created);
        assertFalse(metadata.has("annotations") || metadata.has("finalizers") || metadata.has("ownerReferences"),
                metadata.toString());
        assertFalse(created.has("binaryData"));
        assertEquals("v", Objects.pathString(created, "data.k"));
    }

    private static List<String> names(ObjectList list) {
        return list.items().stream().map(Objects::name).toList();
    }
}
