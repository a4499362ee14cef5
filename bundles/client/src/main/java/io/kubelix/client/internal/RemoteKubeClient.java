package io.kubelix.client.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
import io.kubelix.client.KubeClient;
import io.kubelix.client.KubeConfig;
import io.kubelix.client.ResourceRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KubeClient} that speaks the Kubernetes REST API over HTTPS (HTTP/1.1), with the TLS
 * trust and credentials of a kubeconfig. Discovery is cached and refreshed on a miss. Watches
 * read the chunked response line by line on a thread of their own.
 */
public final class RemoteKubeClient implements KubeClient {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteKubeClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** A discovery miss triggers a refresh at most this often, so a typo does not hammer the server. */
    static final Duration DISCOVERY_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** A watch that should have ended (timeoutSeconds) but has been silent this much longer is cut. */
    private static final long WATCH_GRACE_SECONDS = 30;
    private static final String USER_AGENT = "kubelix-client/1.0";

    private final URI base;
    private final Supplier<String> token;
    private final HttpClient http;
    private final Duration discoveryRefreshInterval;
    private final Object discoveryLock = new Object();
    private volatile List<ResourceType> discovered;
    private long discoveredAt;

    /** A client for the server and credentials of {@code config}. */
    public RemoteKubeClient(KubeConfig config) {
        this(config.server(), config::bearerToken, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .sslContext(config.sslContext())
                .build(), DISCOVERY_REFRESH_INTERVAL);
        if (config.insecureSkipTlsVerify()) {
            LOG.warn("Not verifying the certificate of the API server at {} (insecure-skip-tls-verify in {})",
                    config.server(), config.source());
        }
    }

    /**
     * For tests: any base URL, including plain {@code http://} on a loopback test server. Real
     * callers go through a {@link KubeConfig}, which insists on https.
     */
    RemoteKubeClient(URI base, Supplier<String> token, HttpClient http, Duration discoveryRefreshInterval) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.http = http;
        this.discoveryRefreshInterval = discoveryRefreshInterval;
    }

    static RemoteKubeClient forTesting(URI plainHttpBase, String token, Duration discoveryRefreshInterval) {
        return new RemoteKubeClient(plainHttpBase, () -> token,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build(),
                discoveryRefreshInterval);
    }

    static RemoteKubeClient forTesting(URI plainHttpBase, String token) {
        return forTesting(plainHttpBase, token, DISCOVERY_REFRESH_INTERVAL);
    }

    // ---- discovery ----

    @Override
    public List<ResourceType> resourceTypes() {
        List<ResourceType> types = discovered;
        if (types == null) {
            synchronized (discoveryLock) {
                if (discovered == null) {
                    refreshDiscovery();
                }
                types = discovered;
            }
        }
        return types;
    }

    @Override
    public Optional<ResourceType> resourceType(String apiVersion, String kindOrPlural) {
        java.util.Objects.requireNonNull(kindOrPlural, "kindOrPlural");
        String[] gv = Addressing.groupVersion(apiVersion);
        Optional<ResourceType> found = find(resourceTypes(), gv, kindOrPlural);
        if (found.isPresent()) {
            return found;
        }
        synchronized (discoveryLock) {
            if (System.nanoTime() - discoveredAt > discoveryRefreshInterval.toNanos()) {
                refreshDiscovery();
            }
            return find(discovered, gv, kindOrPlural);
        }
    }

    private static Optional<ResourceType> find(List<ResourceType> types, String[] gv, String kindOrPlural) {
        Optional<ResourceType> exact = types.stream()
                .filter(t -> t.group().equals(gv[0]) && t.version().equals(gv[1]))
                .filter(t -> t.kind().equals(kindOrPlural) || t.plural().equals(kindOrPlural))
                .findFirst();
        return exact.isPresent() ? exact : types.stream()
                .filter(t -> t.group().equals(gv[0]) && t.version().equals(gv[1]) && Addressing.names(t, kindOrPlural))
                .findFirst();
    }

    /** Reads the legacy discovery documents: /api, /api/{v}, /apis, /apis/{g}/{v}. */
    private void refreshDiscovery() {
        List<ResourceType> types = new ArrayList<>();
        JsonObject core = send("GET", "/api", null, null);
        for (String version : strings(core.get("versions"))) {
            types.addAll(resourceList("/api/" + version));
        }
        JsonObject groups = send("GET", "/apis", null, null);
        JsonElement list = groups.get("groups");
        if (list != null && list.isJsonArray()) {
            for (JsonElement g : list.getAsJsonArray()) {
                JsonElement versions = g.isJsonObject() ? g.getAsJsonObject().get("versions") : null;
                if (versions == null || !versions.isJsonArray()) {
                    continue;
                }
                for (JsonElement v : versions.getAsJsonArray()) {
                    String groupVersion = v.isJsonObject() ? Objects.string(v.getAsJsonObject(), "groupVersion") : null;
                    if (groupVersion != null) {
                        try {
                            types.addAll(resourceList("/apis/" + groupVersion));
                        } catch (ApiException e) {
                            // One broken group version (an aggregated API that is down) must not hide the rest.
                            LOG.warn("Discovery of {} at {} failed: {}", groupVersion, base, e.getMessage());
                        }
                    }
                }
            }
        }
        discovered = List.copyOf(types);
        discoveredAt = System.nanoTime();
    }

    /** The top-level resources of one APIResourceList, with their subresources attached. */
    static List<ResourceType> parseResourceList(JsonObject list) {
        String groupVersion = Objects.string(list, "groupVersion");
        if (groupVersion == null) {
            throw ApiException.internal("the server sent an APIResourceList without groupVersion");
        }
        String[] gv = Addressing.groupVersion(groupVersion);
        Map<String, JsonObject> main = new LinkedHashMap<>();
        Map<String, List<String>> subresources = new LinkedHashMap<>();
        JsonElement resources = list.get("resources");
        if (resources != null && resources.isJsonArray()) {
            for (JsonElement e : resources.getAsJsonArray()) {
                if (!e.isJsonObject()) {
                    continue;
                }
                JsonObject r = e.getAsJsonObject();
                String name = Objects.string(r, "name");
                if (name == null || name.isEmpty()) {
                    continue;
                }
                int slash = name.indexOf('/');
                if (slash >= 0) {
                    subresources.computeIfAbsent(name.substring(0, slash), k -> new ArrayList<>())
                            .add(name.substring(slash + 1));
                } else {
                    main.put(name, r);
                }
            }
        }
        List<ResourceType> types = new ArrayList<>();
        main.forEach((plural, r) -> {
            String kind = Objects.string(r, "kind");
            if (kind == null) {
                return;
            }
            String singular = Objects.string(r, "singularName");
            boolean namespaced = r.has("namespaced") && r.get("namespaced").isJsonPrimitive()
                    && r.get("namespaced").getAsBoolean();
            types.add(new ResourceType(gv[0], gv[1], kind, plural,
                    singular == null || singular.isEmpty() ? kind.toLowerCase(java.util.Locale.ROOT) : singular,
                    namespaced, strings(r.get("shortNames")), strings(r.get("categories")), strings(r.get("verbs")),
                    subresources.getOrDefault(plural, List.of())));
        });
        return types;
    }

    private List<ResourceType> resourceList(String path) {
        return parseResourceList(send("GET", path, null, null));
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isJsonArray()) {
            for (JsonElement e : (JsonArray) array) {
                if (e.isJsonPrimitive()) {
                    out.add(e.getAsString());
                }
            }
        }
        return out;
    }

    // ---- object operations ----

    @Override
    public JsonObject get(ResourceRef ref) {
        return send("GET", path(ref.type(), ref.namespace(), ref.name(), null), null, null);
    }

    @Override
    public ObjectList list(ResourceType type, String namespace, ListOptions options) {
        Query q = listQuery(options, false);
        JsonObject list = send("GET", path(type, namespace, null, null) + q, null, null);
        List<JsonObject> items = new ArrayList<>();
        JsonElement array = list.get("items");
        if (array != null && array.isJsonArray()) {
            for (JsonElement e : array.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    JsonObject item = e.getAsJsonObject();
                    // Kubernetes leaves kind and apiVersion out of list items; callers expect them.
                    if (!item.has("apiVersion")) {
                        item.addProperty("apiVersion", type.apiVersion());
                    }
                    if (!item.has("kind")) {
                        item.addProperty("kind", type.kind());
                    }
                    items.add(item);
                }
            }
        }
        JsonObject metadata = Objects.metadata(list);
        String cont = Objects.string(metadata, "continue");
        Long remaining = metadata != null && metadata.has("remainingItemCount")
                && metadata.get("remainingItemCount").isJsonPrimitive()
                ? metadata.get("remainingItemCount").getAsLong() : null;
        return new ObjectList(items, Objects.string(metadata, "resourceVersion"),
                cont == null || cont.isEmpty() ? null : cont, remaining);
    }

    @Override
    public JsonObject create(ResourceType type, JsonObject object, WriteOptions options) {
        String namespace = Addressing.createNamespace(type, object);
        return send("POST", path(type, namespace, null, null) + writeQuery(options), "application/json",
                Json.write(object));
    }

    @Override
    public JsonObject update(ResourceType type, JsonObject object, WriteOptions options) {
        ResourceRef ref = Addressing.target(type, object);
        return send("PUT", path(type, ref.namespace(), ref.name(), null) + writeQuery(options), "application/json",
                Json.write(object));
    }

    @Override
    public JsonObject updateStatus(ResourceType type, JsonObject object, WriteOptions options) {
        ResourceRef ref = Addressing.target(type, object);
        return send("PUT", path(type, ref.namespace(), ref.name(), "status") + writeQuery(options),
                "application/json", Json.write(object));
    }

    @Override
    public JsonObject patch(ResourceRef ref, PatchType patchType, String patch, WriteOptions options) {
        return send("PATCH", path(ref.type(), ref.namespace(), ref.name(), null) + writeQuery(options),
                patchType.contentType(), patch);
    }

    @Override
    public JsonObject patchStatus(ResourceRef ref, PatchType patchType, String patch, WriteOptions options) {
        return send("PATCH", path(ref.type(), ref.namespace(), ref.name(), "status") + writeQuery(options),
                patchType.contentType(), patch);
    }

    @Override
    public JsonObject delete(ResourceRef ref, DeleteOptions options) {
        JsonObject body = new JsonObject();
        body.addProperty("kind", "DeleteOptions");
        body.addProperty("apiVersion", "v1");
        if (options.propagationPolicy() != null) {
            body.addProperty("propagationPolicy", options.propagationPolicy());
        }
        if (options.gracePeriodSeconds() != null) {
            body.addProperty("gracePeriodSeconds", options.gracePeriodSeconds());
        }
        if (options.uidPrecondition() != null || options.rvPrecondition() != null) {
            JsonObject preconditions = new JsonObject();
            if (options.uidPrecondition() != null) {
                preconditions.addProperty("uid", options.uidPrecondition());
            }
            if (options.rvPrecondition() != null) {
                preconditions.addProperty("resourceVersion", options.rvPrecondition());
            }
            body.add("preconditions", preconditions);
        }
        Query q = new Query();
        if (options.dryRun()) {
            q.add("dryRun", "All");
            JsonArray dryRun = new JsonArray();
            dryRun.add("All");
            body.add("dryRun", dryRun);
        }
        return send("DELETE", path(ref.type(), ref.namespace(), ref.name(), null) + q, "application/json",
                Json.write(body));
    }

    @Override
    public WatchHandle watch(ResourceType type, String namespace, ListOptions options, ObjectWatcher watcher) {
        java.util.Objects.requireNonNull(watcher, "watcher");
        String target = path(type, namespace, null, null) + listQuery(options, true);
        HttpRequest request = request(target).GET().build();
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = pending.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while starting a watch", e);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ApiException(504, "Timeout", "the API server at " + base + " did not answer the watch of "
                    + type.qualifiedPlural() + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw transportError(e.getCause());
        }
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw error(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(null));
        }
        RemoteWatch watch = new RemoteWatch(response.body(), watcher, type.qualifiedPlural());
        watch.start();
        if (options.timeoutSeconds() > 0) {
            CompletableFuture.runAsync(watch::expire, CompletableFuture.delayedExecutor(
                    options.timeoutSeconds() + WATCH_GRACE_SECONDS, TimeUnit.SECONDS));
        }
        return watch;
    }

    /** One open watch response, read on its own daemon thread. */
    private static final class RemoteWatch implements WatchHandle, Runnable {
        private final InputStream body;
        private final ObjectWatcher watcher;
        private final Thread reader;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean closedByCaller;

        RemoteWatch(InputStream body, ObjectWatcher watcher, String what) {
            this.body = body;
            this.watcher = watcher;
            this.reader = new Thread(this, "kubelix-watch-" + what);
            this.reader.setDaemon(true);
        }

        void start() {
            reader.start();
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while (!ended.get() && (line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonObject event;
                    try {
                        event = Json.parseObject(line);
                    } catch (IllegalArgumentException e) {
                        if (!ended.get()) {
                            watcher.onEvent("ERROR", ApiException.internal("the watch stream sent a line that is not "
                                    + "a JSON object: " + e.getMessage()).toStatus());
                        }
                        return;
                    }
                    String type = Objects.string(event, "type");
                    JsonElement object = event.get("object");
                    if (type == null || object == null || !object.isJsonObject()) {
                        LOG.warn("Skipping a watch event without type or object: {}", abbreviate(line));
                        continue;
                    }
                    if (ended.get()) {
                        return;
                    }
                    watcher.onEvent(type, object.getAsJsonObject());
                }
            } catch (IOException e) {
                if (!ended.get()) {
                    LOG.debug("Watch stream ended: {}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("A watcher failed on an event; ending the watch", e);
            } finally {
                if (ended.compareAndSet(false, true) && !closedByCaller) {
                    watcher.onClosed();
                }
            }
        }

        /** The watchdog: the server should have ended this watch long ago. */
        void expire() {
            if (!ended.get()) {
                LOG.debug("Cutting a watch the server has not ended after its timeout");
                stop();
            }
        }

        @Override
        public void close() {
            closedByCaller = true;
            stop();
        }

        private void stop() {
            try {
                // Closing the body cancels the exchange; the interrupt wakes a reader blocked on it.
                body.close();
            } catch (IOException e) {
                LOG.debug("Closing a watch stream: {}", e.toString());
            }
            if (Thread.currentThread() != reader) {
                reader.interrupt();
            }
        }
    }

    // ---- requests ----

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        String bearer = token.get();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private JsonObject send(String method, String pathAndQuery, String contentType, String body) {
        HttpRequest.Builder b = request(pathAndQuery).timeout(REQUEST_TIMEOUT);
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body,
                    StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for the API server", e);
        } catch (IOException e) {
            throw transportError(e);
        }
        int code = response.statusCode();
        if (code < 200 || code > 299) {
            throw error(code, response.body(), response.headers().firstValue("Retry-After").orElse(null));
        }
        try {
            return Json.parseObject(response.body());
        } catch (IllegalArgumentException e) {
            throw ApiException.internal("the API server answered " + method + " " + pathAndQuery + " with a body "
                    + "that is not a JSON object: " + e.getMessage());
        }
    }

    private ApiException transportError(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return new ApiException(504, "Timeout", "the API server at " + base + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        }
        return unreachable("cannot reach the API server", e);
    }

    private ApiException unreachable(String what, Throwable cause) {
        ApiException e = new ApiException(503, "ServiceUnavailable", what + " at " + base + ": "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.toString()));
        e.initCause(cause);
        return e;
    }

    /** A non-2xx reply as an exception: the Status it carries, or a plain description when it carries none. */
    static ApiException error(int code, String body, String retryAfterHeader) {
        ApiException e = null;
        try {
            JsonObject status = Json.parseObject(body);
            if ("Status".equals(Objects.kind(status)) || status.has("reason") || status.has("code")) {
                e = ApiException.fromStatus(status, code);
            }
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException notStatus) {
            // Not JSON (a proxy's HTML page, say): described below.
        }
        if (e == null) {
            String text = body == null ? "" : body.strip();
            e = new ApiException(code, reasonFor(code), "the server answered " + code
                    + (text.isEmpty() ? "" : ": " + abbreviate(text)));
        }
        if (e.retryAfterSeconds() == null && retryAfterHeader != null) {
            try {
                int retry = Integer.parseInt(retryAfterHeader.trim());
                e = new ApiException(e.code(), e.reason(), e.getMessage(), e.detailsName(), e.detailsGroup(),
                        e.detailsKind(), e.causes(), retry);
            } catch (NumberFormatException ignored) {
                // An HTTP date: rare, and only a hint.
            }
        }
        return e;
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** {@code /api/v1/namespaces/{ns}/{plural}/{name}/{sub}} and the {@code /apis/{g}/{v}} equivalent. */
    static String path(ResourceType type, String namespace, String name, String subresource) {
        StringBuilder b = new StringBuilder(type.group().isEmpty() ? "/api/" : "/apis/" + segment(type.group()) + "/")
                .append(segment(type.version()));
        if (type.namespaced() && namespace != null && !namespace.isEmpty()) {
            b.append("/namespaces/").append(segment(namespace));
        }
        b.append('/').append(segment(type.plural()));
        if (name != null) {
            b.append('/').append(segment(name));
            if (subresource != null) {
                b.append('/').append(segment(subresource));
            }
        }
        return b.toString();
    }

    /** Percent-encodes a path segment (RFC 3986: unreserved and sub-delimiters stay). */
    static String segment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
            }
        }
        return b.toString();
    }

    static Query listQuery(ListOptions o, boolean watch) {
        Query q = new Query();
        q.add("labelSelector", o.labelSelector());
        q.add("fieldSelector", o.fieldSelector());
        if (o.limit() > 0) {
            q.add("limit", Integer.toString(o.limit()));
        }
        q.add("continue", o.continueToken());
        q.add("resourceVersion", o.resourceVersion());
        q.add("resourceVersionMatch", o.resourceVersionMatch());
        if (watch) {
            q.add("watch", "true");
            if (o.allowBookmarks()) {
                q.add("allowWatchBookmarks", "true");
            }
        }
        if (o.timeoutSeconds() > 0) {
            q.add("timeoutSeconds", Long.toString(o.timeoutSeconds()));
        }
        return q;
    }

    static Query writeQuery(WriteOptions o) {
        Query q = new Query();
        if (o.dryRun()) {
            q.add("dryRun", "All");
        }
        q.add("fieldManager", o.fieldManager());
        q.add("fieldValidation", o.fieldValidation());
        if (o.force()) {
            q.add("force", "true");
        }
        return q;
    }

    /** A query string; prints as "" or "?a=b&c=d". */
    static final class Query {
        private final StringBuilder text = new StringBuilder();

        void add(String name, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            text.append(text.length() == 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
