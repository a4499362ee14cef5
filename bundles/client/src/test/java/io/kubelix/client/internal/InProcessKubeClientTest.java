package io.kubelix.client.internal;

import static io.kubelix.client.internal.FakeResourceService.CONFIG_MAPS;
import static io.kubelix.client.internal.FakeResourceService.DEPLOYMENTS;
import static io.kubelix.client.internal.FakeResourceService.NODES;
import static io.kubelix.client.internal.FakeResourceService.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.client.KubeClient;
import io.kubelix.client.KubeClients;
import io.kubelix.client.ResourceRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-process client's addressing over the {@link FakeResourceService} test double. */
class InProcessKubeClientTest {
    private final FakeResourceService service = new FakeResourceService();
    private final KubeClient client = KubeClients.inProcess(service);

    @Test
    void findsTypesByKindPluralOrSingular() {
        assertSame(DEPLOYMENTS, client.resourceType("apps/v1", "Deployment").orElseThrow());
        assertSame(DEPLOYMENTS, client.resourceType("apps/v1", "deployments").orElseThrow());
        assertSame(DEPLOYMENTS, client.resourceType("apps/v1", "deployment").orElseThrow());
        assertSame(NODES, client.resourceType("v1", "Node").orElseThrow());
        assertTrue(client.resourceType("v1", "Deployment").isEmpty(), "wrong group");
        assertEquals(404, assertThrows(ApiException.class, () -> client.requireResourceType("v2", "Node")).code());
        assertThrows(IllegalArgumentException.class, () -> client.resourceType("", "Node"));
    }

    @Test
    void createAndUpdateTakeTheAddressFromTheObject() {
        JsonObject created = client.create(CONFIG_MAPS, configMap("team-a", "c", Map.of(), "1"));
        assertEquals("team-a", Objects.namespace(created));
        created.getAsJsonObject("data").addProperty("value", "2");
        JsonObject updated = client.update(CONFIG_MAPS, created);
        assertEquals("2", client.get(ResourceRef.of(CONFIG_MAPS, "team-a", "c")).getAsJsonObject("data")
                .get("value").getAsString());
        // A stale resourceVersion is the server's 409, passed through unchanged.
        ApiException conflict = assertThrows(ApiException.class, () -> client.update(CONFIG_MAPS, created));
        assertEquals(409, conflict.code());
        client.updateStatus(CONFIG_MAPS, updated);
        assertEquals("status", service.lastSubresource);
        client.delete(ResourceRef.of(CONFIG_MAPS, "team-a", "c"));
        assertEquals(404, assertThrows(ApiException.class, () -> client.get(ResourceRef.of(CONFIG_MAPS, "team-a", "c")))
                .code());
    }

    @Test
    void clusterScopedTypesIgnoreTheNamespaceArgumentOfList() {
        JsonObject node = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"}}");
        client.create(NODES, node);
        assertEquals("n1", Objects.name(client.get(ResourceRef.of(NODES, null, "n1"))));
        assertEquals(1, client.list(NODES, "ignored").items().size());
    }

    @Test
    void anUpdateWithoutANameFailsBeforeReachingTheService() {
        JsonObject nameless = configMap("team-a", "x", Map.of(), "1");
        nameless.getAsJsonObject("metadata").remove("name");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.update(CONFIG_MAPS, nameless));
        assertTrue(e.getMessage().contains("metadata.name"), e.getMessage());
    }
}
