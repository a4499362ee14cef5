package io.kubelix.itests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An open watch response read line by line on a background thread. Every line must be one JSON
 * object {@code {"type":...,"object":...}}; anything else is recorded as a framing error, which
 * the accessors report. Waits are bounded: a missing event fails with what did arrive.
 */
public final class WatchReader implements AutoCloseable {
    /** One received event. */
    public record Event(String type, JsonObject object, String line) {
        public String name() {
            JsonObject metadata = object == null ? null : object.getAsJsonObject("metadata");
            return metadata == null || !metadata.has("name") ? null : metadata.get("name").getAsString();
        }

        public String resourceVersion() {
            JsonObject metadata = object == null ? null : object.getAsJsonObject("metadata");
            return metadata == null || !metadata.has("resourceVersion") ? null
                    : metadata.get("resourceVersion").getAsString();
        }

        @Override
        public String toString() {
            return type + " " + name() + "@" + resourceVersion();
        }
    }

    private static final Event END = new Event("<end of stream>", null, "");

    private final String request;
    private final int code;
    private final String contentType;
    private final InputStream body;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> framingErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer nonStreamBody = new StringBuffer();
    private volatile boolean ended;
    private volatile long endedAtNanos;

    WatchReader(String request, HttpResponse<InputStream> response) {
        this.request = request;
        this.code = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        Thread reader = new Thread(this::readLoop, "watch-reader " + request);
        reader.setDaemon(true);
        reader.start();
    }

    public int code() {
        return code;
    }

    public String contentType() {
        return contentType;
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (code != 200) {
                    nonStreamBody.append(line).append('\n');
                    continue;
                }
                try {
                    JsonElement parsed = JsonParser.parseString(line);
                    JsonObject event = parsed.getAsJsonObject();
                    if (!event.has("type") || !event.has("object") || !event.get("object").isJsonObject()) {
                        framingErrors.add("not a {type, object} event: " + line);
                        continue;
                    }
                    Event e = new Event(event.get("type").getAsString(), event.getAsJsonObject("object"), line);
                    received.add(e);
                    queue.add(e);
                } catch (RuntimeException notOneJsonObject) {
                    framingErrors.add("not one JSON object per line: " + line);
                }
            }
        } catch (IOException e) {
            // Closed by us or by the server; either way the stream is over.
        } finally {
            endedAtNanos = System.nanoTime();
            ended = true;
            queue.add(END);
        }
    }

    /** The next event within the timeout, or null if none came (END is returned as null too, see {@link #ended()}). */
    public Event next(Duration timeout) throws InterruptedException {
        Event e = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == END) {
            queue.add(END); // keep reporting the end
            return null;
        }
        return e;
    }

    /** Waits for the first event matching, failing with everything received when none comes in time. */
    public Event await(String what, Duration timeout, Predicate<Event> matching) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout + " on watch " + request + "; "
                        + describe());
            }
            Event e = queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == END) {
                queue.add(END);
                throw new AssertionError("the watch ended before " + what + "; " + describe());
            }
            if (e != null && matching.test(e)) {
                return e;
            }
        }
    }

    /** Collects events for a while (to show that nothing unexpected arrives). */
    public List<Event> drain(Duration quietFor) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + quietFor.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            Event e = queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == END) {
                queue.add(END);
                return out;
            }
            if (e != null) {
                out.add(e);
            }
        }
    }

    /** Waits until the server ends the stream; true if it did within the timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ended;
    }

    public boolean ended() {
        return ended;
    }

    public long endedAtNanos() {
        return endedAtNanos;
    }

    public List<Event> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<String> framingErrors() {
        synchronized (framingErrors) {
            return List.copyOf(framingErrors);
        }
    }

    public String describe() {
        return "HTTP " + code + " " + contentType + ", received " + received() + (framingErrors().isEmpty() ? ""
                : ", framing errors " + framingErrors()) + (nonStreamBody.length() == 0 ? ""
                : ", body " + nonStreamBody) + (ended ? ", stream ended" : ", stream open");
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }
}
