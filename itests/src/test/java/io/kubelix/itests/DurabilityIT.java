package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.itests.ApiClient.Response;
import io.kubelix.itests.WatchReader.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the store promises across restarts, on an instance of its own: a clean restart keeps every
 * object with its uid and resourceVersion; a SIGKILL right after a write was acknowledged loses
 * nothing acknowledged; and the change history survives, so a watch from a resourceVersion taken
 * before the restarts continues where it left off. The steps run in order on the same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityIT {
    static final String NS = "durable";
    static final String CMS = "/api/v1/namespaces/" + NS + "/configmaps";
    static final String SECRETS = "/api/v1/namespaces/" + NS + "/secrets";

    static KubelixInstance kubelix;
    static ApiClient api;
    /** Every acknowledged object as the server acknowledged it last, by path. */
    static final Map<String, JsonObject> acknowledged = new LinkedHashMap<>();
    /** Paths whose deletion was acknowledged. */
    static final Set<String> deleted = new TreeSet<>();
    /** The configmap changes after {@link #watchFrom}, in the order they were acknowledged. */
    static final List<String> changesAfterWatchFrom = new ArrayList<>();
    static String watchFrom;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.create("durability");
        kubelix.up();
        api = kubelix.api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kubelix != null) {
            kubelix.down();
            kubelix.terminate(); // in case the launcher could not stop it
        }
    }

    @Test
    @Order(1)
    void cleanRestartKeepsObjectsWithTheirUidsAndResourceVersions() throws Exception {
        Response ns = api.post("/api/v1/namespaces", Manifests.namespace(NS));
        assertEquals(201, ns.code(), ns.describe());
        acknowledged.put("/api/v1/namespaces/" + NS, ns.json());
        for (int i = 0; i < 20; i++) {
            String name = String.format("cm-%02d", i);
            create(CMS, Manifests.configMap(name, null, Map.of("index", Integer.toString(i)),
                    Map.of("value", "v" + i)));
        }
        for (var e : acknowledged.entrySet()) {
            assertStoredAsAcknowledged(e.getKey(), e.getValue());
        }
        watchFrom = Manifests.resourceVersion(api.get(CMS).json());
        // One change after that revision, before the restart: a watch from it must still see it afterwards.
        patch(CMS + "/cm-00", "{\"data\":{\"value\":\"changed before restart\"}}");
        long highest = highestAcknowledged();

        kubelix.down();
        assertTrue(kubelix.process().isEmpty(), "Kubelix still runs after ./kubelix down");
        kubelix.up();

        for (var e : acknowledged.entrySet()) {
            assertStoredAsAcknowledged(e.getKey(), e.getValue());
        }
        assertEquals(acknowledgedNames(CMS), listedNames(CMS), "exactly the configmaps written before the restart");
        JsonObject after = create(CMS, Manifests.configMap("after-restart", null, Map.of(), Map.of("value", "new")));
        assertTrue(Manifests.rv(Manifests.resourceVersion(after)) > highest, "a write after the restart gets a "
                + "higher resourceVersion than every write before it (" + highest + "): " + after);
    }

    @Test
    @Order(2)
    void killRightAfterAcknowledgedWritesLosesNothing() throws Exception {
        Assumptions.assumeTrue(kubelix.process().isPresent(), "needs the instance the first step left running");
        for (int i = 0; i < 10; i++) {
            create(CMS, Manifests.configMap(String.format("acked-%02d", i), null, Map.of(), Map.of("value", "a" + i)));
        }
        create(SECRETS, Manifests.secret("acked-secret", null, "Opaque", Map.of("token", "czNjcjN0")));
        patch(CMS + "/cm-01", "{\"data\":{\"value\":\"changed before kill\"}}");
        delete(CMS + "/cm-02");
        JsonObject last = create(CMS, Manifests.configMap("last-before-kill", null, Map.of(), Map.of("value", "z")));
        long highest = highestAcknowledged();

        kubelix.killHard();
        kubelix.up();

        for (var e : acknowledged.entrySet()) {
            assertStoredAsAcknowledged(e.getKey(), e.getValue());
        }
        for (String path : deleted) {
            Response r = api.get(path);
            assertEquals(404, r.code(), "an acknowledged delete stays deleted: " + path + " " + r.describe());
        }
        assertEquals(acknowledgedNames(CMS), listedNames(CMS));
        assertEquals("z", Manifests.string(api.get(CMS + "/last-before-kill").json(), "data.value"),
                "the write acknowledged last before the kill: " + last);
        JsonObject after = create(CMS, Manifests.configMap("after-kill", null, Map.of(), Map.of("value", "new")));
        assertTrue(Manifests.rv(Manifests.resourceVersion(after)) > highest, "resourceVersions keep growing after a "
                + "crash (" + highest + "): " + after);
    }

    @Test
    @Order(3)
    void watchFromAResourceVersionTakenBeforeTheRestartsContinues() throws Exception {
        Assumptions.assumeTrue(watchFrom != null, "needs the resourceVersion recorded by the first step");
        Assumptions.assumeTrue(kubelix.process().isPresent(), "needs a running instance");
        try (WatchReader watch = api.watch(CMS + "?watch=true&resourceVersion=" + watchFrom)) {
            assertEquals(200, watch.code(), watch.describe());
            List<String> got = new ArrayList<>();
            for (int i = 0; i < changesAfterWatchFrom.size(); i++) {
                Event e = watch.await("event " + (i + 1) + " of " + changesAfterWatchFrom.size() + " (expected "
                        + changesAfterWatchFrom.get(i) + ")", Duration.ofSeconds(15), x -> true);
                got.add(e.type() + " " + e.name() + "@" + (e.type().equals("DELETED") ? "?" : e.resourceVersion()));
            }
            assertEquals(changesAfterWatchFrom, got, "every change after resourceVersion " + watchFrom
                    + ", in order, from before and after the restarts");

            JsonObject live = patch(CMS + "/cm-03", "{\"data\":{\"value\":\"changed while watching\"}}");
            Event e = watch.await("MODIFIED cm-03", Duration.ofSeconds(15),
                    x -> x.type().equals("MODIFIED") && "cm-03".equals(x.name()));
            assertEquals(Manifests.resourceVersion(live), e.resourceVersion(), e.line());
            assertEquals(List.of(), watch.framingErrors(), watch.describe());
        }
    }

    // ---- helpers ----

    static JsonObject create(String collection, JsonObject body) throws Exception {
        Response r = api.post(collection, body);
        assertEquals(201, r.code(), r.describe());
        JsonObject created = r.json();
        acknowledged.put(collection + "/" + Manifests.name(created), created);
        record(collection, "ADDED", created);
        return created;
    }

    static JsonObject patch(String path, String mergePatch) throws Exception {
        Response r = api.patch(path, ApiClient.MERGE_PATCH, mergePatch);
        assertEquals(200, r.code(), r.describe());
        JsonObject patched = r.json();
        acknowledged.put(path, patched);
        record(path.substring(0, path.lastIndexOf('/')), "MODIFIED", patched);
        return patched;
    }

    static void delete(String path) throws Exception {
        Response r = api.delete(path);
        assertEquals(200, r.code(), r.describe());
        acknowledged.remove(path);
        deleted.add(path);
        JsonObject object = r.json();
        // The deleted object's resourceVersion in a watch is the revision of the delete itself, which
        // the reply does not carry: record the name only and compare loosely below.
        record(path.substring(0, path.lastIndexOf('/')), "DELETED", object);
    }

    static void record(String collection, String type, JsonObject object) {
        if (watchFrom != null && collection.equals(CMS)) {
            changesAfterWatchFrom.add(type + " " + Manifests.name(object) + "@"
                    + (type.equals("DELETED") ? "?" : Manifests.resourceVersion(object)));
        }
    }

    static void assertStoredAsAcknowledged(String path, JsonObject expected) throws Exception {
        Response r = api.get(path);
        assertEquals(200, r.code(), "acknowledged object missing: " + path + " " + r.describe());
        JsonObject now = r.json();
        assertEquals(Manifests.uid(expected), Manifests.uid(now), path + " uid");
        assertEquals(Manifests.resourceVersion(expected), Manifests.resourceVersion(now), path + " resourceVersion");
        assertEquals(Manifests.string(expected, "metadata.creationTimestamp"),
                Manifests.string(now, "metadata.creationTimestamp"), path + " creationTimestamp");
        assertEquals(expected.get("data"), now.get("data"), path + " data");
        assertEquals(Manifests.at(expected, "metadata.labels"), Manifests.at(now, "metadata.labels"), path + " labels");
    }

    static long highestAcknowledged() {
        return acknowledged.values().stream().mapToLong(o -> Manifests.rv(Manifests.resourceVersion(o))).max()
                .orElse(0);
    }

    static Set<String> acknowledgedNames(String collection) {
        Set<String> names = new TreeSet<>();
        acknowledged.keySet().stream().filter(p -> p.startsWith(collection + "/"))
                .forEach(p -> names.add(p.substring(collection.length() + 1)));
        return names;
    }

    static Set<String> listedNames(String collection) throws Exception {
        Response r = api.get(collection);
        assertEquals(200, r.code(), r.describe());
        Set<String> names = new TreeSet<>();
        Manifests.items(r.json()).forEach(i -> names.add(Manifests.name(i.getAsJsonObject())));
        return names;
    }
}
