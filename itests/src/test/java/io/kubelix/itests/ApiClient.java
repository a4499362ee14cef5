package io.kubelix.itests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Raw HTTPS access to a Kubelix API server, the way any client sees it: TLS verified against the
 * instance's own CA, the admin bearer token, JSON bodies. Tests use it where kubectl would hide
 * what the server actually answered (codes, Status bodies, watch framing).
 */
public final class ApiClient {
    public static final String JSON = "application/json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private final HttpClient http;
    private final String base;
    private final String token;

    /** What the server answered. */
    public record Response(int code, String body, HttpHeaders headers) {

        public JsonObject json() {
            try {
                JsonElement e = JsonParser.parseString(body);
                if (!e.isJsonObject()) {
                    throw new AssertionError("expected a JSON object, got: " + describe());
                }
                return e.getAsJsonObject();
            } catch (RuntimeException e) {
                throw new AssertionError("the body is not JSON: " + describe(), e);
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** For assertion messages: the code and (the start of) the body. */
        public String describe() {
            String shown = body.length() > 3000 ? body.substring(0, 3000) + "...(" + body.length() + " chars)" : body;
            return "HTTP " + code + " " + contentType() + ": " + shown;
        }
    }

    public ApiClient(String base, Path caCertificate, String token) throws Exception {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(trusting(caCertificate))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static SSLContext trusting(Path caCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("kubelix-ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    public Response get(String path) throws Exception {
        return send("GET", path, null, (byte[]) null);
    }

    public Response post(String path, JsonObject body) throws Exception {
        return send("POST", path, JSON, body.toString());
    }

    public Response put(String path, JsonObject body) throws Exception {
        return send("PUT", path, JSON, body.toString());
    }

    public Response patch(String path, String contentType, String body) throws Exception {
        return send("PATCH", path, contentType, body);
    }

    public Response delete(String path) throws Exception {
        return send("DELETE", path, null, (byte[]) null);
    }

    public Response send(String method, String path, String contentType, String body) throws Exception {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, String contentType, byte[] body) throws Exception {
        return sendAs("Bearer " + token, method, path, contentType, body);
    }

    /** Sends with the given Authorization header value, or none when it is null. */
    public Response sendAs(String authorization, String method, String path, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                response.headers());
    }

    /** A GET whose body is a stream of newline-delimited watch events, read in the background. */
    public WatchReader watch(String pathWithQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathWithQuery))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", JSON)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new WatchReader(pathWithQuery, response);
    }
}
