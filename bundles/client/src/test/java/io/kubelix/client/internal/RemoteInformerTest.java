package io.kubelix.client.internal;

import static io.kubelix.client.internal.FakeResourceService.CONFIG_MAPS;
import static io.kubelix.client.internal.FakeResourceService.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.WatchHandle;
import io.kubelix.client.SharedInformer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An informer over the remote client, against a loopback HTTP server that serves the
 * {@link FakeResourceService} test double the way the API server serves the registry: paged lists,
 * chunked watch streams, and a 410 at watch start answered as one ERROR event.
 */
@Timeout(30)
class RemoteInformerTest {
    private final FakeResourceService backend = new FakeResourceService();
    private TestHttpServer server;
    private InformerFactory factory;

    @BeforeEach
    void start() throws IOException {
        server = TestHttpServer.http();
        server.on("GET /api/v1/configmaps", this::serveCollection);
        factory = new InformerFactory(RemoteKubeClient.forTesting(server.base("http"), "t"), Duration.ZERO,
                Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        factory.close();
        server.close();
    }

    private void serveCollection(HttpExchange ex) throws IOException {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        ListOptions options = new ListOptions(q.get("labelSelector"), null, Integer.parseInt(q.getOrDefault("limit", "0")),
                q.get("continue"), q.get("resourceVersion"), null, "true".equals(q.get("allowWatchBookmarks")),
                Long.parseLong(q.getOrDefault("timeoutSeconds", "0")));
        if (!"true".equals(q.get("watch"))) {
            ObjectList list = backend.list(CONFIG_MAPS, null, options);
            JsonObject body = new JsonObject();
            body.addProperty("kind", "ConfigMapList");
            body.addProperty("apiVersion", "v1");
            JsonObject metadata = new JsonObject();
            metadata.addProperty("resourceVersion", list.resourceVersion());
            if (list.continueToken() != null) {
                metadata.addProperty("continue", list.continueToken());
            }
            body.add("metadata", metadata);
            JsonArray items = new JsonArray();
            for (JsonObject item : list.items()) {
                // As Kubernetes does: no kind or apiVersion on list items.
                item.remove("kind");
                item.remove("apiVersion");
                items.add(item);
            }
            body.add("items", items);
            TestHttpServer.send(ex, 200, Json.write(body));
            return;
        }
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        String end = "";
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        WatchHandle handle;
        try {
            handle = backend.watch(CONFIG_MAPS, null, options, new ObjectWatcher() {
                @Override
                public void onEvent(String type, JsonObject object) {
                    JsonObject event = new JsonObject();
                    event.addProperty("type", type);
                    event.add("object", object);
                    lines.add(Json.write(event));
                }

                @Override
                public void onClosed() {
                    lines.add(end);
                }
            });
        } catch (ApiException e) {
            out.write(("{\"type\":\"ERROR\",\"object\":" + Json.write(e.toStatus()) + "}\n").getBytes(StandardCharsets.UTF_8));
            out.close();
            return;
        }
        try {
            while (true) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == end) {
                    return;
                }
                // An empty write finds out whether the client is still there.
                out.write(line == null ? new byte[0] : (line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handle.close();
            try {
                out.close();
            } catch (IOException ignored) {
                // the client is gone
            }
        }
    }

    @Test
    void listsInPagesThenFollowsTheWatchStream() throws Exception {
        int count = Informer.LIST_PAGE_SIZE + 20;
        for (int i = 0; i < count; i++) {
            backend.put(configMap("a", String.format("o%04d", i), Map.of(), "v"));
        }
        SharedInformer informer = factory.informer(CONFIG_MAPS);
        InformerTest.Recorder r = new InformerTest.Recorder();
        informer.addHandler(r);
        assertTrue(informer.awaitSynced(Duration.ofSeconds(10)));
        assertEquals(count, informer.lister().list().size());
        assertEquals(2, backend.listCalls.get(), "two pages");
        assertEquals(count, r.nextSorted(count).size());
        assertEquals("ConfigMap", informer.lister().get("a", "o0000").orElseThrow().get("kind").getAsString());

        backend.put(configMap("b", "new", Map.of(), "1"));
        backend.setValue("b", "new", "2");
        backend.remove("a", "o0000");
        assertEquals("add b/new=1", r.next());
        assertEquals("update b/new=1->2", r.next());
        assertEquals("delete a/o0000=v", r.next());
    }

    @Test
    void relistsAfterAnExpiredWatchOverHttp() throws Exception {
        backend.put(configMap("a", "gone", Map.of(), "g"));
        SharedInformer informer = factory.informer(CONFIG_MAPS);
        InformerTest.Recorder r = new InformerTest.Recorder();
        informer.addHandler(r);
        assertTrue(informer.awaitSynced(Duration.ofSeconds(10)));
        assertEquals("add a/gone=g", r.next());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (backend.openWatches() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        backend.holdDelivery();
        backend.remove("a", "gone");
        backend.put(configMap("a", "born", Map.of(), "b"));
        backend.resumeDelivery();
        backend.compact();
        backend.closeWatches();

        assertEquals(List.of("add a/born=b", "delete a/gone=g unknown"), r.nextSorted(2));
        assertEquals(2, backend.listCalls.get());
        backend.setValue("a", "born", "b2");
        assertEquals("update a/born=b->b2", r.next());
    }
}
