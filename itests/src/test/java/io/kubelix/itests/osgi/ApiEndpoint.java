package io.kubelix.itests.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
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
 * The Kubelix API server as a client outside the process sees it: HTTPS verified against the
 * cluster CA from the data directory, the admin bearer token, JSON bodies. Runs inside the
 * container (the test probe), where the PKI files are.
 */
final class ApiEndpoint {
    /** What the server answered. */
    record Reply(int code, String body) {
        String describe() {
            String shown = body.length() > 2000 ? body.substring(0, 2000) + "...(" + body.length() + " chars)" : body;
            return "HTTP " + code + ": " + shown;
        }
    }

    private final String host;
    private final int port;
    private final String token;
    private final SSLContext tls;

    private ApiEndpoint(String host, int port, String token, SSLContext tls) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.tls = tls;
    }

    /** The endpoint on {@code port} of this machine, trusting the CA and using the admin token in {@code pki}. */
    static ApiEndpoint local(int port, Path pki) throws Exception {
        Path ca = pki.resolve("ca.crt");
        Path tokenFile = pki.resolve("admin.token");
        if (!Files.isRegularFile(ca) || !Files.isRegularFile(tokenFile)) {
            throw new AssertionError("the API server wrote no " + ca + " or " + tokenFile
                    + " (it writes them when it first starts)");
        }
        return new ApiEndpoint("127.0.0.1", port, Files.readString(tokenFile).trim(), trusting(ca));
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

    int port() {
        return port;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    Reply getWithoutToken(String path) throws IOException, InterruptedException {
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        return send(anonymous);
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** True when nothing accepts TCP connections on the port any more. */
    boolean refusesConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String base() {
        return "https://" + host + ":" + port;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    // A new client per request: a pooled connection must not outlive an API server that was stopped.
    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body());
    }
}
