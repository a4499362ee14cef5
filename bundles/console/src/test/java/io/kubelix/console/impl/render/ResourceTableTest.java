package io.kubelix.console.impl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import io.kubelix.registry.impl.ResourceRegistry;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The columns of kube:get, on objects made by the real registry (so defaulting is the real one). */
class ResourceTableTest {
    static final String NS = "tables";
    @TempDir
    static Path dir;
    static MvKeyValueStore store;
    static ResourceRegistry registry;
    static ResourceService resources;

    @BeforeAll
    static void start() throws Exception {
        store = MvKeyValueStore.open(dir.resolve("store.mv"), MvKeyValueStore.Settings.defaults());
        registry = ResourceRegistry.standalone(store, List.of(new BuiltinResourceDefinitions()));
        assertTrue(registry.awaitBootstrap(10_000));
        resources = registry;
        create("v1", "namespaces", null, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS
                + "\"}}");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.deactivate();
        store.close();
    }

    static ResourceType type(String group, String plural) {
        return resources.findType(group, "v1", plural).orElseThrow();
    }

    static JsonObject create(String groupVersion, String plural, String ns, String json) {
        String group = groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
        return resources.create(type(group, plural), ns, Json.parseObject(json), WriteOptions.DEFAULT);
    }

    /** 200 seconds after the object was created: its AGE reads 3m20s. */
    static Instant later(JsonObject o) {
        return Instant.parse(Objects.pathString(o, "metadata.creationTimestamp")).plusSeconds(200);
    }

    static List<String> onlyRow(Table table) {
        assertEquals(1, table.rows().size(), table.render());
        return table.rows().get(0);
    }

    @Test
    void podsShowReadyContainersStatusRestartsAndAge() {
        JsonObject pod = create("v1", "pods", NS, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
                 "spec":{"containers":[{"name":"a","image":"busybox"},{"name":"b","image":"busybox"}]}}""");
        Table table = ResourceTable.of(type("", "pods"), List.of(pod), false, false, later(pod));
        assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"), table.headers());
        assertEquals(List.of("web", "0/2", "Pending", "0", "3m20s"), onlyRow(table));

        JsonObject status = Json.parseObject("""
                {"phase":"Running","podIP":"10.1.0.7","containerStatuses":[
                  {"name":"a","ready":true,"restartCount":1,"image":"busybox","imageID":"","state":{"running":{}}},
                  {"name":"b","ready":false,"restartCount":3,"image":"busybox","imageID":"",
                   "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}""");
        JsonObject withStatus = pod.deepCopy();
        withStatus.add("status", status);
        Table wide = ResourceTable.of(type("", "pods"), List.of(withStatus), true, true, later(pod));
        assertEquals(List.of("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"), wide.headers());
        assertEquals(List.of(NS, "web", "1/2", "CrashLoopBackOff", "4", "3m20s", "10.1.0.7", "<none>"),
                onlyRow(wide));
    }

    @Test
    void namespacesShowTheirPhase() {
        ResourceType namespaces = type("", "namespaces");
        List<JsonObject> all = resources.list(namespaces, null, ListOptions.ALL).items();
        Table table = ResourceTable.of(namespaces, all, false, false, Instant.now());
        assertEquals(List.of("NAME", "STATUS", "AGE"), table.headers());
        assertTrue(table.rows().stream().anyMatch(r -> r.get(0).equals("default") && r.get(1).equals("Active")),
                table.render());
        assertTrue(table.render().startsWith("NAME"), table.render());
    }

    @Test
    void deploymentsShowReplicaCounts() {
        JsonObject d = create("apps/v1", "deployments", NS, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"shop"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"shop"}},
                   "template":{"metadata":{"labels":{"app":"shop"}},
                     "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}""");
        Table table = ResourceTable.of(type("apps", "deployments"), List.of(d), false, false, later(d));
        assertEquals(List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"), table.headers());
        assertEquals(List.of("shop", "0/3", "0", "0", "3m20s"), onlyRow(table));
        Table wide = ResourceTable.of(type("apps", "deployments"), List.of(d), false, true, later(d));
        assertEquals(List.of("shop", "0/3", "0", "0", "3m20s", "web", "nginx:1.27", "app=shop"), onlyRow(wide));
    }

    @Test
    void servicesShowTypeAddressesAndPorts() {
        JsonObject s = create("v1", "services", NS, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"dns"},
                 "spec":{"selector":{"app":"dns"},"ports":[{"name":"tcp","port":80},
                   {"name":"udp","port":53,"protocol":"UDP"}]}}""");
        Table table = ResourceTable.of(type("", "services"), List.of(s), false, false, later(s));
        assertEquals(List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"), table.headers());
        String clusterIp = Objects.pathString(s, "spec.clusterIP");
        assertEquals(List.of("dns", "ClusterIP", clusterIp == null ? "<none>" : clusterIp, "<none>",
                "80/TCP,53/UDP", "3m20s"), onlyRow(table));
    }

    @Test
    void configMapsAndSecretsCountTheirData() {
        JsonObject cm = create("v1", "configmaps", NS, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},
                 "data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""");
        Table cms = ResourceTable.of(type("", "configmaps"), List.of(cm), false, false, later(cm));
        assertEquals(List.of("NAME", "DATA", "AGE"), cms.headers());
        assertEquals(List.of("settings", "3", "3m20s"), onlyRow(cms));

        JsonObject secret = create("v1", "secrets", NS, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"token"},"data":{"u":"YQ==","p":"Yg=="}}""");
        Table secrets = ResourceTable.of(type("", "secrets"), List.of(secret), false, false, later(secret));
        assertEquals(List.of("NAME", "TYPE", "DATA", "AGE"), secrets.headers());
        assertEquals(List.of("token", "Opaque", "2", "3m20s"), onlyRow(secrets));
    }

    @Test
    void otherTypesShowNameAndAgeAndAllNamespacesPutsTheNamespaceFirst() {
        JsonObject account = create("v1", "serviceaccounts", NS, """
                {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"robot"}}""");
        Table table = ResourceTable.of(type("", "serviceaccounts"), List.of(account), true, false, later(account));
        assertEquals("NAMESPACE   NAME    AGE\n" + NS + "      robot   3m20s\n", table.render());
    }
}
