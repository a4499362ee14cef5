package io.kubelix.apiserver.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectWatcher;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WatchHandle;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One watch response: a chunked stream of {@code {"type":...,"object":...}} lines. Events are
 * handed from the store's thread to this request's thread through a bounded queue, so a slow
 * client slows only itself; a client that falls too far behind is cut off and re-lists.
 */
final class WatchStream implements ObjectWatcher {
    private static final int QUEUE_CAPACITY = 10_000;
    private static final long CLIENT_CHECK_MILLIS = 1000;
    private static final Event END = new Event("END", null);

    private record Event(String type, JsonObject object) {
    }

    private final ResourceService service;
    private final ResourceType type;
    private final String namespace;
    private final ListOptions options;
    private final boolean table;
    private final TablePrinter.IncludeObject include;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean overflowed;

    WatchStream(ResourceService service, ResourceType type, String namespace, ListOptions options, boolean table,
            TablePrinter.IncludeObject include) {
        this.include = include;
        this.service = service;
        this.type = type;
        this.namespace = namespace;
        this.options = options;
        this.table = table;
    }

    @Override
    public void onEvent(String eventType, JsonObject object) {
        if (!queue.offer(new Event(eventType, object))) {
            overflowed = true;
        }
    }

    @Override
    public void onClosed() {
        // Make room for the end marker: the stream ends either way.
        while (!queue.offer(END)) {
            queue.poll();
        }
    }

    void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WatchHandle handle;
        try {
            handle = service.watch(type, namespace, options, this);
        } catch (ApiException e) {
            if (e.code() != 410) {
                throw e;
            }
            // Kubernetes answers an expired watch with 200 and one ERROR event; informers re-list on it.
            start(resp);
            write(resp.getOutputStream(), "ERROR", e.toStatus());
            return;
        }
        try {
            start(resp);
            ServletOutputStream out = resp.getOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
            while (System.nanoTime() < deadline) {
                if (overflowed) {
                    write(out, "ERROR", ApiException.gone("the watch client fell too far behind; re-list and "
                            + "watch again").toStatus());
                    return;
                }
                Event event = queue.poll(CLIENT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (event == END) {
                    return;
                }
                if (event == null) {
                    // Nothing to send: an empty flush finds out whether the client is still there.
                    out.flush();
                    continue;
                }
                write(out, event.type(), event.object());
                // Send what is queued together, flushing once.
                Event next;
                while ((next = queue.poll()) != null) {
                    if (next == END) {
                        out.flush();
                        return;
                    }
                    write(out, next.type(), next.object());
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handle.close();
        }
    }

    private static void start(HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-cache, private");
        resp.flushBuffer();
    }

    private void write(ServletOutputStream out, String eventType, JsonObject object) throws IOException {
        JsonObject payload = object;
        if (table && !eventType.equals("ERROR") && !eventType.equals("BOOKMARK")) {
            payload = TablePrinter.table(type, List.of(object), Objects.resourceVersion(object), null, include);
        }
        JsonObject event = new JsonObject();
        event.addProperty("type", eventType);
        event.add("object", payload);
        out.write((Json.write(event) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
