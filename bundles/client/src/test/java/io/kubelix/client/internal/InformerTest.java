package io.kubelix.client.internal;

import static io.kubelix.client.internal.FakeResourceService.CONFIG_MAPS;
import static io.kubelix.client.internal.FakeResourceService.NODES;
import static io.kubelix.client.internal.FakeResourceService.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.client.HandlerRegistration;
import io.kubelix.client.KubeClients;
import io.kubelix.client.ResourceEventHandler;
import io.kubelix.client.SharedInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Informer behaviour against the in-memory {@link FakeResourceService} test double. */
@Timeout(30)
class InformerTest {
    private final FakeResourceService server = new FakeResourceService();
    private InformerFactory factory = newFactory(Duration.ZERO);

    private InformerFactory newFactory(Duration resync) {
        return new InformerFactory(KubeClients.inProcess(server), resync, Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        factory.close();
    }

    /** What a handler saw, as "add ns/name=value", "update ns/name=old->new", "delete ns/name=value [unknown]". */
    static class Recorder implements ResourceEventHandler {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<JsonObject[]> objects = new LinkedBlockingQueue<>();
        final Set<String> threads = new HashSet<>();

        @Override
        public void onAdd(JsonObject object) {
            record("add " + describe(object), object);
        }

        @Override
        public void onUpdate(JsonObject oldObject, JsonObject newObject) {
            record("update " + describe(oldObject) + "->" + value(newObject), oldObject, newObject);
        }

        @Override
        public void onDelete(JsonObject object, boolean finalStateUnknown) {
            record("delete " + describe(object) + (finalStateUnknown ? " unknown" : ""), object);
        }

        private synchronized void record(String event, JsonObject... objs) {
            threads.add(Thread.currentThread().getName());
            objects.add(objs);
            events.add(event);
        }

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            if (e == null) {
                fail("no event within 5 s");
            }
            return e;
        }

        /** The next n events, sorted (for sets of events whose order is not defined, such as a list). */
        List<String> nextSorted(int n) throws InterruptedException {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(next());
            }
            out.sort(null);
            return out;
        }

        void assertQuiet() throws InterruptedException {
            String e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                fail("unexpected event: " + e);
            }
        }
    }

    static String describe(JsonObject o) {
        String ns = Objects.namespace(o);
        return (ns == null ? "" : ns + "/") + Objects.name(o) + "=" + value(o);
    }

    static String value(JsonObject o) {
        JsonObject data = o.getAsJsonObject("data");
        return data == null ? "" : data.get("value").getAsString();
    }

    private SharedInformer syncedConfigMaps() throws InterruptedException {
        SharedInformer informer = factory.informer(CONFIG_MAPS);
        assertTrue(informer.awaitSynced(Duration.ofSeconds(5)));
        return informer;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void initialListArrivesAsAddsAndThenTheInformerIsSynced() throws Exception {
        server.put(configMap("a", "one", Map.of(), "1"));
        server.put(configMap("a", "two", Map.of(), "2"));
        server.put(configMap("b", "three", Map.of(), "3"));
        SharedInformer informer = factory.informer(CONFIG_MAPS);
        Recorder r = new Recorder();
        HandlerRegistration registration = informer.addHandler(r);
        assertTrue(informer.awaitSynced(Duration.ofSeconds(5)));
        assertTrue(informer.hasSynced());
        assertEquals(List.of("add a/one=1", "add a/two=2", "add b/three=3"), r.nextSorted(3));
        await(registration::hasSynced, "the handler to be synced");
        r.assertQuiet();
        assertEquals(Long.toString(server.revision()), informer.lastSyncResourceVersion());
        assertEquals(1, server.listCalls.get());
        // The watch starts where the list ended, and asks for bookmarks.
        assertEquals(informer.lastSyncResourceVersion(), server.watchOptions.get(0).resourceVersion());
        assertTrue(server.watchOptions.get(0).allowBookmarks());
        assertTrue(server.watchOptions.get(0).timeoutSeconds() > 0);
    }

    @Test
    void addsUpdatesAndDeletesReachHandlersInOrderAndTheListerFollows() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        server.put(configMap("a", "x", Map.of(), "1"));
        server.setValue("a", "x", "2");
        server.remove("a", "x");
        server.put(configMap("a", "y", Map.of(), "9"));
        assertEquals("add a/x=1", r.next());
        assertEquals("update a/x=1->2", r.next());
        assertEquals("delete a/x=2", r.next());
        assertEquals("add a/y=9", r.next());
        assertTrue(informer.lister().get("a", "x").isEmpty());
        assertEquals("9", value(informer.lister().get("a", "y").orElseThrow()));
        assertEquals(Set.of("kubelix-informer-dispatch-configmaps"), r.threads, "one dispatcher thread");
    }

    @Test
    void updatesCarryTheOldAndNewResourceVersions() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        JsonObject created = server.put(configMap("a", "x", Map.of(), "1"));
        JsonObject updated = server.setValue("a", "x", "2");
        r.next();
        r.next();
        r.objects.take();
        JsonObject[] update = r.objects.take();
        assertEquals(Objects.resourceVersion(created), Objects.resourceVersion(update[0]));
        assertEquals(Objects.resourceVersion(updated), Objects.resourceVersion(update[1]));
    }

    @Test
    void aClosedWatchIsResumedFromTheLastVersionWithoutListingAgain() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        server.put(configMap("a", "x", Map.of(), "1"));
        assertEquals("add a/x=1", r.next());
        String seen = Long.toString(server.revision());
        await(() -> server.openWatches() == 1, "the watch");
        server.closeWatches();
        await(() -> server.watchCalls.get() == 2, "a second watch");
        assertEquals(seen, server.watchOptions.get(1).resourceVersion());
        assertEquals(1, server.listCalls.get(), "a normal watch end needs no new list");
        server.setValue("a", "x", "2");
        assertEquals("update a/x=1->2", r.next());
        r.assertQuiet();
    }

    @Test
    void anErrorEventWith410ListsAgainAndReportsWhatChangedMeanwhile() throws Exception {
        server.put(configMap("a", "kept", Map.of(), "k"));
        server.put(configMap("a", "changed", Map.of(), "old"));
        server.put(configMap("a", "gone", Map.of(), "g"));
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        r.nextSorted(3);
        await(() -> server.openWatches() == 1, "the watch");

        // The connection is lost: these changes never reach the watch.
        server.holdDelivery();
        server.setValue("a", "changed", "new");
        server.remove("a", "gone");
        server.put(configMap("a", "born", Map.of(), "b"));
        server.resumeDelivery();
        server.compact();
        server.expireWatches();

        assertEquals(List.of("add a/born=b", "delete a/gone=g unknown", "update a/changed=old->new"), r.nextSorted(3));
        r.assertQuiet();
        assertEquals(2, server.listCalls.get());
        assertEquals(Set.of("born", "changed", "kept"), names(informer.lister().list()));
        // Watching resumes from the new list.
        server.setValue("a", "kept", "k2");
        assertEquals("update a/kept=k->k2", r.next());
    }

    @Test
    void a410AtWatchStartListsAgainAndReportsDeletionsWithTheLastKnownState() throws Exception {
        server.put(configMap("a", "gone", Map.of(), "last-known"));
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        assertEquals("add a/gone=last-known", r.next());
        await(() -> server.openWatches() == 1, "the watch");

        server.holdDelivery();
        server.remove("a", "gone");
        server.resumeDelivery();
        server.compact();
        // The watch ends; re-watching from the old version now fails with 410 at once.
        server.closeWatches();

        assertEquals("delete a/gone=last-known unknown", r.next());
        assertEquals(2, server.listCalls.get());
        assertTrue(server.watchCalls.get() >= 3, "watch, failed re-watch, watch after the list");
        assertTrue(informer.lister().list().isEmpty());
    }

    @Test
    void listFailuresAreRetriedWithBackOff() throws Exception {
        server.failLists(3);
        server.put(configMap("a", "x", Map.of(), "1"));
        SharedInformer informer = factory.informer(CONFIG_MAPS);
        assertTrue(informer.awaitSynced(Duration.ofSeconds(5)));
        assertEquals(4, server.listCalls.get());
        assertTrue(informer.lister().get("a", "x").isPresent());
    }

    @Test
    void watchFailuresAreRetriedFromTheSameVersion() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        await(() -> server.openWatches() == 1, "the watch");
        server.failWatches(2);
        server.closeWatches();
        await(() -> server.openWatches() == 1, "the watch to come back");
        assertEquals(4, server.watchCalls.get());
        assertEquals(1, server.listCalls.get());
        server.put(configMap("a", "x", Map.of(), "1"));
        assertEquals("add a/x=1", r.next());
    }

    @Test
    void resyncRedeliversEveryCachedObjectAsAnUpdateToItself() throws Exception {
        factory.close();
        factory = newFactory(Duration.ofMillis(200));
        server.put(configMap("a", "x", Map.of(), "1"));
        server.put(configMap("b", "y", Map.of(), "2"));
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        r.nextSorted(2);
        r.objects.take();
        r.objects.take();
        assertEquals(List.of("update a/x=1->1", "update b/y=2->2"), r.nextSorted(2));
        JsonObject[] pair = r.objects.take();
        assertEquals(Objects.resourceVersion(pair[0]), Objects.resourceVersion(pair[1]));
        assertNotSame(pair[0], pair[1], "old and new are separate copies");
        String original = value(pair[1]);
        pair[0].getAsJsonObject("data").addProperty("value", "scribbled");
        assertEquals(original, value(pair[1]));
        assertEquals(original, value(informer.lister().getByKey(Objects.namespace(pair[1]) + "/" + Objects.name(pair[1]))
                .orElseThrow()), "the cache is untouched");
        // And it keeps coming.
        assertEquals(List.of("update a/x=1->1", "update b/y=2->2"), r.nextSorted(2));
    }

    @Test
    void noResyncWhenThePeriodIsZero() throws Exception {
        server.put(configMap("a", "x", Map.of(), "1"));
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        assertEquals("add a/x=1", r.next());
        assertTrue(r.events.poll(500, TimeUnit.MILLISECONDS) == null, "no resync with period 0");
    }

    @Test
    void handlersAndListerCallersGetCopiesTheyCannotCorruptTheCacheWith() throws Exception {
        server.put(configMap("a", "x", Map.of(), "original"));
        SharedInformer informer = syncedConfigMaps();
        Recorder scribbler = new Recorder() {
            @Override
            public void onAdd(JsonObject object) {
                object.getAsJsonObject("data").addProperty("value", "scribbled");
                super.onAdd(object);
            }
        };
        Recorder second = new Recorder();
        informer.addHandler(scribbler);
        informer.addHandler(second);
        assertEquals("add a/x=scribbled", scribbler.next());
        assertEquals("add a/x=original", second.next(), "each handler gets its own copy");

        JsonObject fromLister = informer.lister().get("a", "x").orElseThrow();
        fromLister.getAsJsonObject("data").addProperty("value", "changed by a caller");
        informer.lister().list().get(0).getAsJsonObject("data").addProperty("value", "changed again");
        assertEquals("original", value(informer.lister().get("a", "x").orElseThrow()));
        assertNotSame(informer.lister().get("a", "x").orElseThrow(), informer.lister().get("a", "x").orElseThrow());
    }

    @Test
    void aHandlerAddedLaterGetsTheCacheThenOnlyNewerChanges() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder first = new Recorder();
        informer.addHandler(first);
        for (int i = 0; i < 50; i++) {
            server.put(configMap("a", "o" + i, Map.of(), "v" + i));
        }
        // Registered while the first handler may still be receiving those adds.
        Recorder late = new Recorder();
        HandlerRegistration registration = informer.addHandler(late);
        server.setValue("a", "o0", "changed");
        List<String> lateEvents = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            lateEvents.add(late.next());
        }
        late.assertQuiet();
        assertEquals("update a/o0=v0->changed", lateEvents.get(50), "the change comes after the snapshot");
        assertEquals(50, new HashSet<>(lateEvents.subList(0, 50)).size(), "each object once");
        assertTrue(registration.hasSynced());
        for (int i = 0; i < 51; i++) {
            first.next();
        }
        first.assertQuiet();
    }

    @Test
    void aClosedRegistrationStopsGettingEvents() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        HandlerRegistration registration = informer.addHandler(r);
        server.put(configMap("a", "x", Map.of(), "1"));
        assertEquals("add a/x=1", r.next());
        registration.close();
        server.put(configMap("a", "y", Map.of(), "2"));
        r.assertQuiet();
    }

    @Test
    void aSlowHandlerDoesNotHoldUpTheWatchOrTheCache() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onAdd(JsonObject object) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onAdd(object);
            }
        };
        informer.addHandler(slow);
        for (int i = 0; i < 100; i++) {
            server.put(configMap("a", String.format("o%03d", i), Map.of(), "v"));
        }
        // The cache is current although the handler has not finished its first event.
        await(() -> informer.lister().list().size() == 100, "the cache to hold 100 objects");
        assertTrue(slow.events.isEmpty());
        release.countDown();
        for (int i = 0; i < 100; i++) {
            assertEquals(String.format("add a/o%03d=v", i), slow.next(), "in order");
        }
    }

    @Test
    void aHandlerThatThrowsKeepsGettingEvents() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder() {
            @Override
            public void onAdd(JsonObject object) {
                super.onAdd(object);
                throw new IllegalStateException("handler bug (expected in this test)");
            }
        };
        informer.addHandler(r);
        server.put(configMap("a", "x", Map.of(), "1"));
        server.put(configMap("a", "y", Map.of(), "2"));
        assertEquals("add a/x=1", r.next());
        assertEquals("add a/y=2", r.next());
    }

    @Test
    void theListerSelectsByNamespaceAndLabels() throws Exception {
        server.put(configMap("a", "web1", Map.of("app", "web", "tier", "front"), "1"));
        server.put(configMap("a", "web2", Map.of("app", "web"), "2"));
        server.put(configMap("a", "db", Map.of("app", "db"), "3"));
        server.put(configMap("b", "web3", Map.of("app", "web"), "4"));
        SharedInformer informer = syncedConfigMaps();
        assertEquals(Set.of("web1", "web2"), names(informer.lister().list("a", "app=web")));
        assertEquals(Set.of("web1", "web2", "web3"), names(informer.lister().list(null, "app=web")));
        assertEquals(Set.of("web1"), names(informer.lister().list("a", "app in (web),tier")));
        assertEquals(Set.of("web1", "web2", "db"), names(informer.lister().list("a", null)));
        assertEquals(Set.of(), names(informer.lister().list("nowhere", "")));
        assertTrue(informer.lister().getByKey("b/web3").isPresent());
        server.remove("a", "web2");
        await(() -> names(informer.lister().list("a", "")).equals(Set.of("web1", "db")), "the index to drop web2");
        assertThrows(IllegalArgumentException.class, () -> informer.lister().list("a", "app in (web"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> informer.lister().get(null, "web1"));
        assertTrue(e.getMessage().contains("namespaced"), e.getMessage());
    }

    @Test
    void clusterScopedTypesAreKeyedByNameAlone() throws Exception {
        JsonObject node = new JsonObject();
        node.addProperty("apiVersion", "v1");
        node.addProperty("kind", "Node");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", "worker-1");
        node.add("metadata", metadata);
        server.create(NODES, null, node, io.kubelix.api.resource.WriteOptions.DEFAULT);
        SharedInformer informer = factory.informer(NODES, "ignored-for-cluster-scoped");
        assertTrue(informer.awaitSynced(Duration.ofSeconds(5)));
        assertSame(informer, factory.informer(NODES));
        assertTrue(informer.lister().getByKey("worker-1").isPresent());
        assertTrue(informer.lister().get(null, "worker-1").isPresent());
        assertEquals(1, informer.lister().list("whatever", null).size());
    }

    @Test
    void theFactorySharesOneInformerPerTypeAndNamespace() throws Exception {
        SharedInformer all = factory.informer(CONFIG_MAPS);
        assertSame(all, factory.informer(CONFIG_MAPS, null));
        assertSame(all, factory.informer(CONFIG_MAPS, ""));
        SharedInformer onlyA = factory.informer(CONFIG_MAPS, "a");
        assertNotSame(all, onlyA);
        assertSame(onlyA, factory.informer(CONFIG_MAPS, "a"));
        server.put(configMap("a", "x", Map.of(), "1"));
        server.put(configMap("b", "y", Map.of(), "2"));
        assertTrue(onlyA.awaitSynced(Duration.ofSeconds(5)));
        await(() -> onlyA.lister().list().size() == 1 && all.lister().list().size() == 2, "both caches");
        assertEquals("a", onlyA.namespace());
    }

    @Test
    void aClosedFactoryStopsItsInformersAndRefusesNewOnes() throws Exception {
        SharedInformer informer = syncedConfigMaps();
        Recorder r = new Recorder();
        informer.addHandler(r);
        await(() -> server.openWatches() == 1, "the watch");
        factory.close();
        ((Informer) informer).join(Duration.ofSeconds(5));
        assertEquals(0, server.openWatches(), "the watch is closed");
        server.put(configMap("a", "x", Map.of(), "1"));
        r.assertQuiet();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory.informer(CONFIG_MAPS));
        assertTrue(e.getMessage().contains("shut down"));
    }

    @Test
    void typesThatCannotBeWatchedAreRefused() {
        ResourceType reviews = new ResourceType("authorization.k8s.io", "v1", "SubjectAccessReview",
                "subjectaccessreviews", "subjectaccessreview", false, List.of(), List.of(), List.of("create"), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.informer(reviews));
        assertTrue(e.getMessage().contains("list and watch"), e.getMessage());
    }

    @Test
    void awaitSyncedGivesUpAfterTheTimeout() throws Exception {
        server.failLists(1_000_000);
        SharedInformer informer = factory.informer(CONFIG_MAPS);
        long start = System.nanoTime();
        assertFalse(informer.awaitSynced(Duration.ofMillis(200)));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 190);
        assertFalse(informer.hasSynced());
        assertNotNull(informer.lister().list());
    }

    private static Set<String> names(List<JsonObject> objects) {
        Set<String> out = new HashSet<>();
        objects.forEach(o -> out.add(Objects.name(o)));
        return out;
    }
}
