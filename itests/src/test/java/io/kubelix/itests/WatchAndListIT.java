package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubelix.itests.ApiClient.Response;
import io.kubelix.itests.WatchReader.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists and watches over raw HTTPS: pagination as one consistent snapshot, the watch wire format
 * and resourceVersion rules, selectors on watches, and 410 for history that was compacted away.
 * Each test works in its own namespace so that watches see only its own changes.
 */
class WatchAndListIT {
    static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    static KubelixInstance kubelix;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.shared();
        api = kubelix.api();
    }

    @Test
    void paginatedListIsOneSnapshotAcrossPages() throws Exception {
        String cms = namespace("wl-pages");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String name = String.format("page-%02d", i);
            expected.add(name);
            create(cms, Manifests.configMap(name, null, Map.of("set", "pages"), Map.of("v", "original")));
        }
        String query = "?labelSelector=" + enc("set=pages") + "&limit=5";

        Response first = get(cms + query);
        JsonObject firstPage = first.json();
        String snapshot = Manifests.resourceVersion(firstPage);
        assertNotNull(snapshot, first.describe());
        List<Integer> sizes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, String> values = new java.util.HashMap<>();
        JsonObject page = firstPage;
        boolean changedBetweenPages = false;
        while (true) {
            assertEquals(snapshot, Manifests.resourceVersion(page), "every page is read at the first page's "
                    + "resourceVersion: " + page.getAsJsonObject("metadata"));
            sizes.add(Manifests.items(page).size());
            for (JsonElement item : Manifests.items(page)) {
                names.add(Manifests.name(item.getAsJsonObject()));
                values.put(Manifests.name(item.getAsJsonObject()), Manifests.string(item.getAsJsonObject(), "data.v"));
            }
            String token = Manifests.string(page, "metadata.continue");
            if (token == null || token.isEmpty()) {
                break;
            }
            if (!changedBetweenPages) {
                // Writes after the first page must not show in the pages that follow.
                create(cms, Manifests.configMap("page-05a", null, Map.of("set", "pages"), Map.of("v", "new")));
                create(cms, Manifests.configMap("page-99", null, Map.of("set", "pages"), Map.of("v", "new")));
                Response patched = api.patch(cms + "/page-20", ApiClient.MERGE_PATCH, "{\"data\":{\"v\":\"changed\"}}");
                assertEquals(200, patched.code(), patched.describe());
                Response deleted = api.delete(cms + "/page-21");
                assertEquals(200, deleted.code(), deleted.describe());
                changedBetweenPages = true;
            }
            Response next = get(cms + query + "&continue=" + enc(token));
            page = next.json();
        }
        assertEquals(List.of(5, 5, 5, 5, 3), sizes, "page sizes; names " + names);
        assertEquals(expected, names, "together the pages are exactly the 23 objects, in name order");
        assertEquals("original", values.get("page-20"), "page-20 as it was at the snapshot");

        // A new list sees the present.
        JsonObject now = get(cms + "?labelSelector=" + enc("set=pages")).json();
        Set<String> present = new TreeSet<>();
        Manifests.items(now).forEach(i -> present.add(Manifests.name(i.getAsJsonObject())));
        assertTrue(present.containsAll(Set.of("page-05a", "page-99")), present.toString());
        assertFalse(present.contains("page-21"), present.toString());
        assertTrue(Manifests.rv(Manifests.resourceVersion(now)) > Manifests.rv(snapshot));
    }

    @Test
    void watchFromAListResourceVersionDeliversLaterChanges() throws Exception {
        String cms = namespace("wl-watch");
        create(cms, Manifests.configMap("before-list", null, Map.of(), Map.of("v", "1")));
        String listRv = Manifests.resourceVersion(get(cms).json());

        try (WatchReader watch = api.watch(cms + "?watch=true&resourceVersion=" + listRv)) {
            assertEquals(200, watch.code(), watch.describe());
            assertTrue(watch.contentType().startsWith("application/json"), watch.describe());

            JsonObject created = create(cms, Manifests.configMap("w1", null, Map.of(), Map.of("v", "1")));
            Event added = watch.await("ADDED w1", EVENT_WAIT, e -> e.type().equals("ADDED") && "w1".equals(e.name()));
            assertEquals("ConfigMap", Manifests.string(added.object(), "kind"), added.line());
            assertEquals("v1", Manifests.string(added.object(), "apiVersion"), added.line());
            assertEquals(Manifests.resourceVersion(created), added.resourceVersion(), added.line());
            assertTrue(Manifests.rv(added.resourceVersion()) > Manifests.rv(listRv));

            Response patched = api.patch(cms + "/w1", ApiClient.MERGE_PATCH, "{\"data\":{\"v\":\"2\"}}");
            assertEquals(200, patched.code(), patched.describe());
            Event modified = watch.await("MODIFIED w1", EVENT_WAIT,
                    e -> e.type().equals("MODIFIED") && "w1".equals(e.name()));
            assertEquals("2", Manifests.string(modified.object(), "data.v"), modified.line());
            assertEquals(Manifests.resourceVersion(patched.json()), modified.resourceVersion());

            Response deleted = api.delete(cms + "/w1");
            assertEquals(200, deleted.code(), deleted.describe());
            Event gone = watch.await("DELETED w1", EVENT_WAIT, e -> e.type().equals("DELETED") && "w1".equals(e.name()));
            assertTrue(Manifests.rv(gone.resourceVersion()) > Manifests.rv(modified.resourceVersion()), gone.line());

            List<String> order = watch.received().stream().map(Event::type).toList();
            assertEquals(List.of("ADDED", "MODIFIED", "DELETED"), order, "exactly the three changes after the list, "
                    + "nothing from before it: " + watch.describe());
            assertEquals(List.of(), watch.framingErrors(), watch.describe());
            for (Event e : watch.received()) {
                assertEquals(Set.of("type", "object"), JsonParser.parseString(e.line()).getAsJsonObject().keySet(),
                        "one {type, object} per line: " + e.line());
            }
        }
    }

    @Test
    void watchWithTimeoutSecondsEndsByItself() throws Exception {
        String cms = namespace("wl-timeout");
        String listRv = Manifests.resourceVersion(get(cms).json());
        long start = System.nanoTime();
        try (WatchReader watch = api.watch(cms + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=2"
                + "&resourceVersion=" + listRv)) {
            assertEquals(200, watch.code(), watch.describe());
            assertTrue(watch.awaitEnd(Duration.ofSeconds(6)), "a watch with timeoutSeconds=2 must end by itself: "
                    + watch.describe());
            double seconds = (watch.endedAtNanos() - start) / 1e9;
            assertTrue(seconds >= 1.5 && seconds <= 3.5, "ended after " + seconds + " s, expected about 2 s");
            for (Event e : watch.received()) {
                // Nothing changed in this namespace: only bookmarks may come.
                assertEquals("BOOKMARK", e.type(), watch.describe());
                assertNotNull(e.resourceVersion(), e.line());
            }
            assertEquals(List.of(), watch.framingErrors(), watch.describe());
        }
    }

    @Test
    void watchFromResourceVersionZeroStartsWithTheExistingObjects() throws Exception {
        String cms = namespace("wl-zero");
        Set<String> existing = Set.of("z1", "z2", "z3");
        for (String name : existing) {
            create(cms, Manifests.configMap(name, null, Map.of("set", "zero"), Map.of("v", "1")));
        }
        create(cms, Manifests.configMap("z-other", null, Map.of("set", "other"), Map.of("v", "1")));
        for (String query : List.of("?watch=true&resourceVersion=0&labelSelector=" + enc("set=zero"),
                "?watch=true&labelSelector=" + enc("set=zero"))) {
            try (WatchReader watch = api.watch(cms + query)) {
                assertEquals(200, watch.code(), watch.describe());
                Set<String> initial = new TreeSet<>();
                for (int i = 0; i < existing.size(); i++) {
                    Event e = watch.await("initial ADDED event " + (i + 1), EVENT_WAIT, x -> true);
                    assertEquals("ADDED", e.type(), watch.describe());
                    initial.add(e.name());
                }
                assertEquals(new TreeSet<>(existing), initial, query + ": " + watch.describe());
                assertEquals(List.of(), watch.drain(Duration.ofMillis(500)), "nothing more: " + watch.describe());
            }
        }
        try (WatchReader watch = api.watch(cms + "?watch=true&resourceVersion=0&labelSelector=" + enc("set=zero"))) {
            watch.await("initial state", EVENT_WAIT, e -> e.type().equals("ADDED"));
            create(cms, Manifests.configMap("z4", null, Map.of("set", "zero"), Map.of("v", "1")));
            watch.await("ADDED z4 after the initial state", EVENT_WAIT,
                    e -> e.type().equals("ADDED") && "z4".equals(e.name()));
        }
    }

    @Test
    void labelSelectedWatchSeesARelabelAsDeletedAndAdded() throws Exception {
        String cms = namespace("wl-labels");
        String blue = enc("color=blue");
        String listRv = Manifests.resourceVersion(get(cms + "?labelSelector=" + blue).json());
        try (WatchReader watch = api.watch(cms + "?watch=true&labelSelector=" + blue + "&resourceVersion=" + listRv)) {
            create(cms, Manifests.configMap("paint", null, Map.of("color", "blue"), Map.of("v", "1")));
            watch.await("ADDED paint", EVENT_WAIT, e -> e.type().equals("ADDED") && "paint".equals(e.name()));
            create(cms, Manifests.configMap("red-one", null, Map.of("color", "red"), Map.of("v", "1")));

            patch(cms + "/paint", "{\"metadata\":{\"labels\":{\"color\":\"red\"}}}");
            watch.await("DELETED paint (no longer matches)", EVENT_WAIT,
                    e -> e.type().equals("DELETED") && "paint".equals(e.name()));
            patch(cms + "/paint", "{\"data\":{\"v\":\"2\"}}");
            patch(cms + "/paint", "{\"metadata\":{\"labels\":{\"color\":\"blue\"}}}");
            Event back = watch.await("ADDED paint (matches again)", EVENT_WAIT,
                    e -> e.type().equals("ADDED") && "paint".equals(e.name()));
            assertEquals("2", Manifests.string(back.object(), "data.v"), back.line());
            watch.drain(Duration.ofMillis(500));
            List<String> seen = watch.received().stream().map(e -> e.type() + " " + e.name()).toList();
            assertEquals(List.of("ADDED paint", "DELETED paint", "ADDED paint"), seen,
                    "red objects are never seen, and changes while red are not sent: " + watch.describe());
        }
    }

    @Test
    void fieldSelectorOnTheName() throws Exception {
        String cms = namespace("wl-fields");
        create(cms, Manifests.configMap("target", null, Map.of(), Map.of("v", "1")));
        create(cms, Manifests.configMap("bystander", null, Map.of(), Map.of("v", "1")));
        String selector = "?fieldSelector=" + enc("metadata.name=target");
        JsonObject list = get(cms + selector).json();
        assertEquals(1, Manifests.items(list).size(), list.toString());
        assertEquals("target", Manifests.name(Manifests.items(list).get(0).getAsJsonObject()));
        JsonObject negated = get(cms + "?fieldSelector=" + enc("metadata.name!=target")).json();
        assertEquals(List.of("bystander"), names(negated));

        try (WatchReader watch = api.watch(cms + selector + "&watch=true&resourceVersion="
                + Manifests.resourceVersion(list))) {
            patch(cms + "/bystander", "{\"data\":{\"v\":\"2\"}}");
            patch(cms + "/target", "{\"data\":{\"v\":\"2\"}}");
            watch.await("MODIFIED target", EVENT_WAIT, e -> e.type().equals("MODIFIED") && "target".equals(e.name()));
            watch.drain(Duration.ofMillis(300));
            for (Event e : watch.received()) {
                assertEquals("target", e.name(), "only the selected name: " + watch.describe());
            }
        }
    }

    @Test
    void watchFromACompactedResourceVersionGets410() throws Exception {
        String cms = namespace("wl-compacted");
        create(cms, Manifests.configMap("churn", null, Map.of(), Map.of("n", "0")));
        String old = Manifests.resourceVersion(get(cms).json());
        int[] n = {0};
        // The shared instance compacts every SHARED_COMPACTION_SECONDS: history older than the
        // previous tick goes, so the old revision is gone after at most two ticks.
        Duration limit = Duration.ofSeconds(KubelixInstance.SHARED_COMPACTION_SECONDS * 3L + 15);
        Event[] error = new Event[1];
        Poll.until("a watch from resourceVersion " + old + " is refused as compacted (the shared instance "
                + "compacts every " + KubelixInstance.SHARED_COMPACTION_SECONDS + " s)", limit, () -> {
                    patch(cms + "/churn", "{\"data\":{\"n\":\"" + (++n[0]) + "\"}}");
                    try (WatchReader watch = api.watch(cms + "?watch=true&timeoutSeconds=2&resourceVersion=" + old)) {
                        Event first = watch.next(Duration.ofSeconds(3));
                        error[0] = first;
                        boolean refused = first != null && first.type().equals("ERROR");
                        if (!refused) {
                            Thread.sleep(1000);
                        }
                        return Poll.Seen.of(refused, watch.describe());
                    }
                });
        JsonObject status = error[0].object();
        assertEquals("Status", Manifests.string(status, "kind"), error[0].line());
        assertEquals(410, status.get("code").getAsInt(), error[0].line());
        assertTrue(Set.of("Expired", "Gone").contains(Manifests.string(status, "reason")), error[0].line());

        // An exact list at that revision is refused the same way.
        Response exact = api.get(cms + "?resourceVersion=" + old + "&resourceVersionMatch=Exact");
        assertEquals(410, exact.code(), exact.describe());
        assertEquals("Expired", Manifests.string(exact.json(), "reason"), exact.describe());
    }

    // ---- helpers ----

    /** Creates a namespace (or reuses it) and returns the path of its configmaps. */
    static String namespace(String name) throws Exception {
        Response r = api.post("/api/v1/namespaces", Manifests.namespace(name));
        assertTrue(r.code() == 201 || r.code() == 409, r.describe());
        return "/api/v1/namespaces/" + name + "/configmaps";
    }

    static JsonObject create(String collection, JsonObject body) throws Exception {
        Response r = api.post(collection, body);
        assertEquals(201, r.code(), r.describe());
        return r.json();
    }

    static Response get(String path) throws Exception {
        Response r = api.get(path);
        assertEquals(200, r.code(), r.describe());
        return r;
    }

    static JsonObject patch(String path, String mergePatch) throws Exception {
        Response r = api.patch(path, ApiClient.MERGE_PATCH, mergePatch);
        assertEquals(200, r.code(), r.describe());
        return r.json();
    }

    static List<String> names(JsonObject list) {
        List<String> out = new ArrayList<>();
        Manifests.items(list).forEach(i -> out.add(Manifests.name(i.getAsJsonObject())));
        return out;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
