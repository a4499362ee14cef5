package io.kubelix.apiserver.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.EncodedList;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.api.yaml.Yaml;
import io.kubelix.apiserver.impl.auth.Authenticator;
import io.kubelix.apiserver.impl.auth.ReviewEndpoints;
import io.kubelix.apiserver.impl.auth.UserInfo;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes REST API: authentication, the URL layout, content types, and the translation of
 * each request into a {@link ResourceService} call. Every error leaves as a {@code metav1.Status}.
 */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    static final String MAJOR = "1";
    static final String MINOR = "32";
    static final String GIT_VERSION = "v1.32.0-kubelix.0.1.0";
    private static final String JSON = "application/json";
    private static final String NOT_FOUND = "the server could not find the requested resource";

    private final transient ResourceService service;
    private final transient Authenticator authenticator;
    private final transient ReviewEndpoints reviews;
    private final long maxRequestBytes;
    private final long maxWatchSeconds;
    private final String serverAddress;

    ApiServlet(ResourceService service, Authenticator authenticator, ReviewEndpoints reviews, long maxRequestBytes,
            long maxWatchSeconds, String serverAddress) {
        this.service = service;
        this.authenticator = authenticator;
        this.reviews = reviews;
        this.maxRequestBytes = maxRequestBytes;
        this.maxWatchSeconds = maxWatchSeconds;
        this.serverAddress = serverAddress;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> segments = segments(req.getRequestURI());
        try {
            if (isPublic(segments)) {
                servePublic(req, resp, segments);
                return;
            }
            // Authentication only: RBAC is not enforced yet, so every authenticated user may do everything.
            UserInfo user = authenticator.authenticate(req.getHeader("Authorization"));
            if (user == null) {
                throw new ApiException(401, "Unauthorized", "Unauthorized");
            }
            req.setAttribute(UserInfo.ATTRIBUTE, user);
            if (Negotiation.acceptsNoJson(req.getHeader("Accept"))) {
                throw new ApiException(406, "NotAcceptable", "only the following media types are accepted: "
                        + "application/json, application/yaml (protobuf answers are not served yet)");
            }
            route(req, resp, segments);
        } catch (ApiException e) {
            writeStatus(resp, e);
        } catch (IllegalArgumentException e) {
            writeStatus(resp, ApiException.badRequest(e.getMessage()));
        } catch (IOException e) {
            // The client went away mid-request; nothing to answer.
            LOG.debug("I/O error serving {} {}: {}", req.getMethod(), req.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Internal error serving {} {}", req.getMethod(), req.getRequestURI(), e);
            writeStatus(resp, ApiException.internal("an internal error occurred; the server log has the details"));
        }
    }

    // ---- unauthenticated endpoints ----

    private static boolean isPublic(List<String> s) {
        return s.size() == 1 && List.of("healthz", "livez", "readyz", "version").contains(s.get(0));
    }

    private void servePublic(HttpServletRequest req, HttpServletResponse resp, List<String> s) throws IOException {
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            throw ApiException.methodNotAllowed("only GET is allowed here");
        }
        switch (s.get(0)) {
            case "version" -> writeJson(resp, 200, version());
            case "readyz" -> {
                if (!ready()) {
                    resp.setStatus(503);
                    writeText(resp, "[-]bootstrap: the boot namespaces are not created yet\nreadyz check failed\n");
                    return;
                }
                writeText(resp, "ok");
            }
            default -> writeText(resp, "ok");
        }
    }

    private boolean ready() {
        try {
            ResourceType ns = service.findType("", "v1", "namespaces").orElse(null);
            return ns != null && service.get(ns, null, "default", null) != null;
        } catch (ApiException e) {
            return false;
        }
    }

    static JsonObject version() {
        JsonObject v = new JsonObject();
        v.addProperty("major", MAJOR);
        v.addProperty("minor", MINOR);
        v.addProperty("gitVersion", GIT_VERSION);
        v.addProperty("gitCommit", "kubelix");
        v.addProperty("gitTreeState", "clean");
        v.addProperty("buildDate", "2026-11-25T00:00:00Z");
        v.addProperty("goVersion", "java" + Runtime.version().feature());
        v.addProperty("compiler", "javac");
        v.addProperty("platform", "linux/amd64");
        return v;
    }

    /** The stored types and the virtual review endpoints, for discovery. */
    private List<ResourceType> discoveryTypes() {
        List<ResourceType> types = new ArrayList<>(service.resourceTypes());
        types.addAll(ReviewEndpoints.TYPES);
        return types;
    }

    // ---- routing ----

    private void route(HttpServletRequest req, HttpServletResponse resp, List<String> s) throws IOException {
        if (s.isEmpty()) {
            writeJson(resp, 200, rootPaths());
            return;
        }
        switch (s.get(0)) {
            case "api" -> {
                if (s.size() == 1) {
                    discovery(req, resp, true);
                } else if (!s.get(1).equals("v1")) {
                    throw ApiException.notFound(NOT_FOUND);
                } else if (s.size() == 2) {
                    writeJsonOr404(resp, new Discovery(discoveryTypes()).resourceList("", "v1"));
                } else {
                    resource(req, resp, "", "v1", s.subList(2, s.size()));
                }
            }
            case "apis" -> {
                Discovery discovery = new Discovery(discoveryTypes());
                if (s.size() == 1) {
                    discovery(req, resp, false);
                } else if (s.size() == 2) {
                    writeJsonOr404(resp, discovery.apiGroup(s.get(1)));
                } else if (s.size() == 3) {
                    writeJsonOr404(resp, discovery.resourceList(s.get(1), s.get(2)));
                } else {
                    resource(req, resp, s.get(1), s.get(2), s.subList(3, s.size()));
                }
            }
            case "openapi" -> openApi(resp, s);
            default -> throw ApiException.notFound(NOT_FOUND);
        }
    }

    private JsonObject rootPaths() {
        JsonArray paths = new JsonArray();
        for (String p : List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz",
                "/version")) {
            paths.add(p);
        }
        new Discovery(discoveryTypes()).groups().forEach((g, versions) -> {
            paths.add("/apis/" + g);
            versions.forEach(v -> paths.add("/apis/" + g + "/" + v));
        });
        JsonObject o = new JsonObject();
        o.add("paths", paths);
        return o;
    }

    private void discovery(HttpServletRequest req, HttpServletResponse resp, boolean core) throws IOException {
        Discovery discovery = new Discovery(discoveryTypes());
        String aggregated = Negotiation.aggregatedDiscoveryVersion(req.getHeader("Accept"));
        if (aggregated != null) {
            byte[] body = Json.writeBytes(discovery.aggregated(core, aggregated));
            resp.setStatus(200);
            // kubectl reads the body as aggregated discovery only when the type says so.
            resp.setContentType(JSON + ";g=apidiscovery.k8s.io;v=" + aggregated + ";as=APIGroupDiscoveryList");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
            return;
        }
        writeJson(resp, 200, core ? discovery.apiVersions(serverAddress) : discovery.apiGroupList());
    }

    private void openApi(HttpServletResponse resp, List<String> s) throws IOException {
        OpenApi openApi = new OpenApi(service.resourceTypes());
        if (s.size() == 2 && s.get(1).equals("v3")) {
            writeJson(resp, 200, openApi.index());
        } else if (s.size() > 2 && s.get(1).equals("v3")) {
            writeJsonOr404(resp, openApi.document(String.join("/", s.subList(2, s.size()))));
        } else {
            throw ApiException.notFound(NOT_FOUND);
        }
    }

    /** Handles everything below a group version: {@code [namespaces/{ns}/]{resource}[/{name}[/{sub}]]}. */
    private void resource(HttpServletRequest req, HttpServletResponse resp, String group, String version,
            List<String> rest) throws IOException {
        List<String> s = new ArrayList<>(rest);
        boolean legacyWatch = false;
        if (!s.isEmpty() && s.get(0).equals("watch")) {
            legacyWatch = true;
            s.remove(0);
        }
        String namespace = null;
        if (s.size() >= 3 && s.get(0).equals("namespaces")
                && service.findType(group, version, s.get(2)).map(ResourceType::namespaced).orElse(false)) {
            namespace = s.get(1);
            s = s.subList(2, s.size());
        }
        if (s.isEmpty() || s.size() > 3) {
            throw ApiException.notFound(NOT_FOUND);
        }
        ResourceType review = s.size() == 1 && !legacyWatch && namespace == null
                ? ReviewEndpoints.find(group, version, s.get(0)).orElse(null) : null;
        if (review != null) {
            if (!req.getMethod().equals("POST")) {
                throw ApiException.methodNotAllowed(req.getMethod() + " is not allowed on " + review.plural()
                        + ": reviews are only created (POST), never stored");
            }
            UserInfo user = (UserInfo) req.getAttribute(UserInfo.ATTRIBUTE);
            writeJson(resp, 201, reviews.review(review, readObjectBody(req), user));
            return;
        }
        ResourceType type = service.findType(group, version, s.get(0))
                .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        String name = s.size() > 1 ? s.get(1) : null;
        String subresource = s.size() > 2 ? s.get(2) : null;
        if (type.namespaced() && name != null && namespace == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        if (!type.namespaced() && namespace != null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        if (subresource != null && namespace != null && ReviewEndpoints.servesSubresource(type, subresource)) {
            if (!req.getMethod().equals("POST")) {
                throw ApiException.methodNotAllowed(req.getMethod() + " is not allowed on " + type.plural() + "/"
                        + subresource + ": a token is only created (POST)");
            }
            writeJson(resp, 201, reviews.requestToken(type, namespace, name, readObjectBody(req)));
            return;
        }
        if (subresource != null && !type.hasSubresource(subresource)) {
            // Also what namespaces/{ns}/{unknown resource} comes to: not found, whatever the method.
            throw ApiException.notFound(NOT_FOUND);
        }
        RequestQuery q = new RequestQuery(req);
        String method = req.getMethod();
        if (name == null) {
            switch (method) {
                case "GET" -> {
                    if (legacyWatch || q.flag("watch")) {
                        watch(req, resp, type, namespace, q);
                    } else {
                        list(req, resp, type, namespace, q);
                    }
                }
                case "POST" -> {
                    JsonObject body = readObjectBody(req);
                    JsonObject created = service.create(type, namespace, body, q.writeOptions());
                    writeJson(resp, 201, created);
                }
                case "DELETE" -> {
                    DeleteOptions options = deleteOptions(req, q);
                    ObjectList deleted = service.deleteCollection(type, namespace, q.listOptions(), options);
                    writeJson(resp, 200, listObject(type, deleted));
                }
                default -> throw ApiException.methodNotAllowed(method + " is not allowed on a collection");
            }
            return;
        }
        switch (method) {
            case "GET" -> {
                if (legacyWatch) {
                    watch(req, resp, type, namespace, q.withName(name));
                    return;
                }
                JsonObject object = service.get(type, namespace, name, subresource);
                if (subresource == null && Negotiation.wantsTable(req.getHeader("Accept"))) {
                    writeJson(resp, 200, TablePrinter.table(type, List.of(object), Objects.resourceVersion(object), null,
                            TablePrinter.IncludeObject.parse(q.string("includeObject"))));
                } else {
                    writeJson(resp, 200, object);
                }
            }
            case "PUT" -> writeJson(resp, 200,
                    service.update(type, namespace, name, subresource, readObjectBody(req), q.writeOptions()));
            case "PATCH" -> {
                PatchType patchType = PatchType.fromContentType(req.getContentType());
                if (patchType == null) {
                    throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown "
                            + "format - accepted media types include: application/json-patch+json, "
                            + "application/merge-patch+json, application/apply-patch+yaml, "
                            + "application/strategic-merge-patch+json");
                }
                String patch = readBody(req);
                boolean existed = patchType != PatchType.APPLY_PATCH || exists(type, namespace, name);
                JsonObject patched = service.patch(type, namespace, name, subresource, patchType, patch,
                        q.writeOptions());
                writeJson(resp, existed ? 200 : 201, patched);
            }
            case "DELETE" -> {
                if (subresource != null) {
                    throw ApiException.methodNotAllowed("DELETE is not allowed on a subresource");
                }
                JsonObject deleted = service.delete(type, namespace, name, deleteOptions(req, q));
                boolean pending = Objects.pathString(deleted, "metadata.deletionTimestamp") != null;
                writeJson(resp, pending ? 202 : 200, deleted);
            }
            default -> throw ApiException.methodNotAllowed(method + " is not allowed on an object");
        }
    }

    private boolean exists(ResourceType type, String namespace, String name) {
        try {
            service.get(type, namespace, name, null);
            return true;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String namespace,
            RequestQuery q) throws IOException {
        if (Negotiation.wantsTable(req.getHeader("Accept"))) {
            ObjectList list = service.list(type, namespace, q.listOptions());
            writeJson(resp, 200, TablePrinter.table(type, list.items(), list.resourceVersion(), list.continueToken(),
                    TablePrinter.IncludeObject.parse(q.string("includeObject"))));
        } else {
            writeEncodedList(resp, type, service.listEncoded(type, namespace, q.listOptions()));
        }
    }

    /** Writes a list from already-encoded items: no decoding or re-encoding of large lists. */
    private static void writeEncodedList(HttpServletResponse resp, ResourceType type, EncodedList list)
            throws IOException {
        JsonObject head = listObject(type, new ObjectList(List.of(), list.resourceVersion(), list.continueToken(),
                list.remainingItemCount()));
        head.remove("items");
        String headText = Json.write(head);
        // {"kind":...,"metadata":{...}} becomes {"kind":...,"metadata":{...},"items":[ ... ]}
        byte[] open = (headText.substring(0, headText.length() - 1) + ",\"items\":[").getBytes(StandardCharsets.UTF_8);
        long length = open.length + 2L + Math.max(0, list.items().size() - 1);
        for (byte[] item : list.items()) {
            length += item.length;
        }
        resp.setStatus(200);
        resp.setContentType(JSON);
        resp.setContentLengthLong(length);
        OutputStream out = resp.getOutputStream();
        out.write(open);
        boolean first = true;
        for (byte[] item : list.items()) {
            if (!first) {
                out.write(',');
            }
            out.write(item);
            first = false;
        }
        out.write(']');
        out.write('}');
    }

    static JsonObject listObject(ResourceType type, ObjectList list) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", type.kind() + "List");
        o.addProperty("apiVersion", type.apiVersion());
        JsonObject metadata = new JsonObject();
        metadata.addProperty("resourceVersion", list.resourceVersion());
        if (list.continueToken() != null) {
            metadata.addProperty("continue", list.continueToken());
        }
        if (list.remainingItemCount() != null) {
            metadata.addProperty("remainingItemCount", list.remainingItemCount());
        }
        o.add("metadata", metadata);
        JsonArray items = new JsonArray(list.items().size());
        list.items().forEach(items::add);
        o.add("items", items);
        return o;
    }

    private void watch(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String namespace,
            RequestQuery q) throws IOException {
        long timeout = q.number("timeoutSeconds", 0);
        if (timeout <= 0 || timeout > maxWatchSeconds) {
            timeout = maxWatchSeconds;
        }
        new WatchStream(service, type, namespace, q.listOptions(timeout),
                Negotiation.wantsTable(req.getHeader("Accept")),
                TablePrinter.IncludeObject.parse(q.string("includeObject"))).serve(req, resp);
    }

    // ---- bodies ----

    private JsonObject readObjectBody(HttpServletRequest req) throws IOException {
        String contentType = req.getContentType();
        String base = contentType == null ? JSON : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        byte[] data = readBodyBytes(req);
        String body = new String(data, StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw ApiException.badRequest("the request body is empty; send the object as JSON or YAML");
        }
        try {
            return switch (base) {
                case JSON, "*/*", "" -> Json.parseObject(body);
                case "application/yaml", "application/x-yaml", "text/yaml" -> Yaml.readObject(body);
                // kubectl 1.32+ sends its generators' objects as protobuf; read as bytes, never as text.
                case ProtobufBodies.MEDIA_TYPE -> ProtobufBodies.decode(data);
                default -> throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an "
                        + "unknown format - accepted media types include: application/json, application/yaml, "
                        + ProtobufBodies.MEDIA_TYPE);
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the request body could not be decoded: " + e.getMessage());
        }
    }

    private String readBody(HttpServletRequest req) throws IOException {
        return new String(readBodyBytes(req), StandardCharsets.UTF_8);
    }

    private byte[] readBodyBytes(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        try (InputStream in = req.getInputStream()) {
            if (declared > maxRequestBytes) {
                drain(in, declared);
                throw tooLarge();
            }
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
            if (data.length > maxRequestBytes) {
                drain(in, Long.MAX_VALUE);
                throw tooLarge();
            }
            return data;
        }
    }

    /**
     * Reads and drops a rejected body, up to a bound, so the client (which is still sending it) gets
     * the 413 Status instead of a reset connection. Beyond the bound the connection is cut.
     */
    private void drain(InputStream in, long declared) throws IOException {
        long budget = Math.min(declared, 4 * maxRequestBytes);
        byte[] sink = new byte[64 * 1024];
        int n;
        while (budget > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, budget))) > 0) {
            budget -= n;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is " + maxRequestBytes);
    }

    private DeleteOptions deleteOptions(HttpServletRequest req, RequestQuery q) throws IOException {
        String body = readBody(req);
        JsonObject options = body.isBlank() ? new JsonObject() : Json.parseObject(body);
        String policy = Objects.string(options, "propagationPolicy");
        if (policy == null) {
            policy = q.string("propagationPolicy");
        }
        if (policy == null && options.has("orphanDependents") && options.get("orphanDependents").getAsBoolean()) {
            policy = "Orphan";
        }
        Long grace = null;
        if (options.has("gracePeriodSeconds") && !options.get("gracePeriodSeconds").isJsonNull()) {
            grace = options.get("gracePeriodSeconds").getAsLong();
        } else if (q.string("gracePeriodSeconds") != null) {
            grace = q.number("gracePeriodSeconds", 0);
        }
        JsonObject preconditions = Objects.pathObject(options, "preconditions");
        boolean dryRun = q.dryRun() || (options.has("dryRun") && options.get("dryRun").isJsonArray()
                && options.getAsJsonArray("dryRun").contains(new com.google.gson.JsonPrimitive("All")));
        return new DeleteOptions(policy, grace, Objects.string(preconditions, "uid"),
                Objects.string(preconditions, "resourceVersion"), dryRun);
    }

    // ---- responses ----

    static void writeJson(HttpServletResponse resp, int code, JsonElement body) throws IOException {
        byte[] bytes = Json.writeBytes(body);
        resp.setStatus(code);
        resp.setContentType(JSON);
        resp.setContentLength(bytes.length);
        OutputStream out = resp.getOutputStream();
        out.write(bytes);
    }

    private static void writeJsonOr404(HttpServletResponse resp, JsonObject body) throws IOException {
        if (body == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        writeJson(resp, 200, body);
    }

    private static void writeText(HttpServletResponse resp, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    static void writeStatus(HttpServletResponse resp, ApiException e) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        if (e.retryAfterSeconds() != null) {
            resp.setHeader("Retry-After", e.retryAfterSeconds().toString());
        }
        writeJson(resp, e.code(), e.toStatus());
    }

    private static List<String> segments(String uri) {
        List<String> out = new ArrayList<>();
        for (String part : uri.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
