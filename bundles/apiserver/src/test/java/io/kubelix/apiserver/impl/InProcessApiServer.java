package io.kubelix.apiserver.impl;

import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import io.kubelix.registry.impl.ResourceRegistry;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The API server over HTTPS in the test's JVM, over the real registry, store and built-in kinds,
 * with an HTTP client that trusts its CA: what the REST-level tests share.
 */
public final class InProcessApiServer implements AutoCloseable {
    private final MvKeyValueStore store;
    private final ResourceRegistry registry;
    private final ApiServer server;
    private final HttpClient http;
    private final String adminToken;

    private InProcessApiServer(MvKeyValueStore store, ResourceRegistry registry, ApiServer server, HttpClient http,
            String adminToken) {
        this.store = store;
        this.registry = registry;
        this.server = server;
        this.http = http;
        this.adminToken = adminToken;
    }

    /** Starts everything with its files under {@code dir}; waits for the boot namespaces. */
    public static InProcessApiServer start(Path dir) throws Exception {
        MvKeyValueStore store = MvKeyValueStore.open(dir.resolve("store.mv"), MvKeyValueStore.Settings.defaults());
        ResourceRegistry registry = ResourceRegistry.standalone(store, List.of(new BuiltinResourceDefinitions()));
        if (!registry.awaitBootstrap(10_000)) {
            throw new IllegalStateException("the boot namespaces were not created within 10 s");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path pki = dir.resolve("data/pki");
        ApiServer server = ApiServer.start(registry, new ApiServer.Settings("127.0.0.1", port, pki, List.of(),
                3L * 1024 * 1024, 60));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new InProcessApiServer(store, registry, server, http,
                Files.readString(pki.resolve("admin.token")).trim());
    }

    public MvKeyValueStore store() {
        return store;
    }

    public ResourceRegistry registry() {
        return registry;
    }

    public ApiServer server() {
        return server;
    }

    public HttpClient http() {
        return http;
    }

    public String adminToken() {
        return adminToken;
    }

    @Override
    public void close() throws Exception {
        server.close();
        registry.deactivate();
        store.close();
    }
}
