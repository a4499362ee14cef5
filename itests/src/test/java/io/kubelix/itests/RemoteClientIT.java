package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.client.KubeClient;
import io.kubelix.client.KubeClients;
import io.kubelix.client.KubeConfig;
import io.kubelix.client.ObjectKeys;
import io.kubelix.client.ResourceEventHandler;
import io.kubelix.client.ResourceRef;
import io.kubelix.client.SharedInformer;
import io.kubelix.client.SharedInformerFactory;
import io.kubelix.client.StandaloneInformerFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kubelix's own remote client and informers against the running distribution, with its kubeconfig. */
class RemoteClientIT {
    private static KubeClient client;
    private static ResourceType configMaps;
    private static ResourceType deployments;

    @BeforeAll
    static void connect() throws Exception {
        KubelixInstance kubelix = KubelixInstance.shared();
        client = KubeClients.remote(KubeConfig.load(kubelix.kubeconfig()));
        configMaps = client.requireResourceType("v1", "ConfigMap");
        deployments = client.requireResourceType("apps/v1", "Deployment");
        client.create(client.requireResourceType("v1", "Namespace"),
                Json.parseObject("{\"metadata\":{\"name\":\"remote-client\"}}"));
    }

    private static JsonObject configMap(String name, String value) {
        return Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"remote-client\",\"labels\":{\"app\":\"web\"}},\"data\":{\"v\":\"" + value + "\"}}");
    }

    @Test
    void discoveryFindsTypesWithTheirSubresources() {
        assertTrue(deployments.hasSubresource("status") && deployments.hasSubresource("scale"));
        assertTrue(client.resourceTypes().size() >= 37, "types: " + client.resourceTypes().size());
    }

    @Test
    void errorsArriveAsApiExceptionsWithTheServersStatus() {
        client.create(configMaps, configMap("dup", "1"));
        assertEquals(409, assertThrows(ApiException.class, () -> client.create(configMaps, configMap("dup", "1"))).code());
        ApiException notFound = assertThrows(ApiException.class,
                () -> client.get(ResourceRef.of(configMaps, "remote-client", "nope")));
        assertEquals(404, notFound.code());
        assertEquals("configmaps \"nope\" not found", notFound.getMessage());
        ApiException invalid = assertThrows(ApiException.class,
                () -> client.create(configMaps, configMap("Bad_Name", "1")));
        assertEquals(422, invalid.code());
        assertEquals("metadata.name", invalid.causes().get(0).field());
    }

    @Test
    void informerSeesCreatesPatchesAppliesAndDeletes() throws Exception {
        client.create(configMaps, configMap("watched", "1"));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (StandaloneInformerFactory factory = SharedInformerFactory.create(client, Duration.ZERO)) {
            SharedInformer informer = factory.informer(configMaps, "remote-client");
            informer.addHandler(new ResourceEventHandler() {
                @Override
                public void onAdd(JsonObject o) {
                    events.add("add " + ObjectKeys.key(o));
                }

                @Override
                public void onUpdate(JsonObject before, JsonObject after) {
                    events.add("update " + ObjectKeys.key(after) + " " + Objects.pathString(after, "data.v"));
                }

                @Override
                public void onDelete(JsonObject o, boolean finalStateUnknown) {
                    events.add("delete " + ObjectKeys.key(o));
                }
            });
            assertTrue(informer.awaitSynced(Duration.ofSeconds(10)));
            Set<String> initial = new HashSet<>();
            String e;
            while ((e = events.poll(300, TimeUnit.MILLISECONDS)) != null) {
                initial.add(e);
            }
            assertTrue(initial.contains("add remote-client/watched"), initial.toString());
            ResourceRef ref = ResourceRef.of(configMaps, "remote-client", "watched");
            client.patch(ref, PatchType.MERGE_PATCH, "{\"data\":{\"v\":\"2\"}}", WriteOptions.DEFAULT);
            assertEquals("update remote-client/watched 2", events.poll(5, TimeUnit.SECONDS));
            client.patch(ref, PatchType.STRATEGIC_MERGE_PATCH, "{\"data\":{\"v\":\"3\"}}", WriteOptions.DEFAULT);
            assertEquals("update remote-client/watched 3", events.poll(5, TimeUnit.SECONDS));
            client.delete(ref, new DeleteOptions(null, null, null, null, true));
            assertNull(events.poll(500, TimeUnit.MILLISECONDS), "a dry-run delete changed something");
            client.delete(ref);
            assertEquals("delete remote-client/watched", events.poll(5, TimeUnit.SECONDS));
            assertFalse(informer.lister().get("remote-client", "watched").isPresent());
        }
    }

    @Test
    void statusAndMainWritesAreSeparate() {
        JsonObject created = client.create(deployments, Json.parseObject("{\"apiVersion\":\"apps/v1\",\"kind\":"
                + "\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"remote-client\"},\"spec\":{"
                + "\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":"
                + "{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}"));
        JsonObject status = new JsonObject();
        status.addProperty("replicas", 1);
        created.add("status", status);
        JsonObject after = client.updateStatus(deployments, created);
        assertEquals(1, Objects.path(after, "status.replicas").getAsInt());
        ResourceRef ref = ResourceRef.of(deployments, "remote-client", "web");
        client.patch(ref, PatchType.MERGE_PATCH, "{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":9}}",
                WriteOptions.DEFAULT);
        JsonObject now = client.get(ref);
        assertEquals(3, Objects.path(now, "spec.replicas").getAsInt());
        assertEquals(1, Objects.path(now, "status.replicas").getAsInt(), "a main write changed the status");
        assertNotNull(client.list(deployments, "remote-client", ListOptions.labels("")).items());
    }
}
