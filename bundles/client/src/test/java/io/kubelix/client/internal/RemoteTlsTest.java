package io.kubelix.client.internal;

import static io.kubelix.client.internal.FakeResourceService.NODES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.resource.ApiException;
import io.kubelix.client.KubeClient;
import io.kubelix.client.KubeClients;
import io.kubelix.client.KubeConfig;
import io.kubelix.client.ResourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remote client over real TLS, configured only through a kubeconfig (test PKI in src/test/resources/pki). */
@Timeout(30)
class RemoteTlsTest {
    private TestHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String fixture(String name) {
        try (InputStream in = RemoteTlsTest.class.getResourceAsStream("/pki/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private void startServer(boolean needClientAuth) throws IOException {
        X509Certificate[] chain = Pem.certificates(fixture("server.crt"), "server.crt").toArray(new X509Certificate[0]);
        SSLContext context = TlsContexts.create(Pem.certificates(fixture("ca.crt"), "ca.crt"), false, chain,
                Pem.privateKey(fixture("server.key"), "server.key"));
        server = TestHttpServer.https(context, needClientAuth);
        server.onJson("GET /api/v1/nodes/n1", 200, "{\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"}}");
    }

    private KubeClient clientFor(String host, String clusterExtra, String user) {
        String kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                + "clusters:\n- name: test\n  cluster:\n    server: https://" + host + ":"
                + server.base("https").getPort() + "\n" + clusterExtra
                + "users:\n- name: test\n  user:\n" + user
                + "contexts:\n- name: test\n  context:\n    cluster: test\n    user: test\n";
        return KubeClients.remote(KubeConfig.parse(kubeconfig, null, null));
    }

    @Test
    void trustsTheKubeconfigsCaAndSendsTheBearerToken() throws Exception {
        startServer(false);
        KubeClient client = clientFor("127.0.0.1", "    certificate-authority-data: " + b64(fixture("ca.crt")) + "\n",
                "    token: tls-token\n");
        assertEquals("n1", client.get(ResourceRef.of(NODES, null, "n1")).getAsJsonObject("metadata").get("name")
                .getAsString());
        assertEquals("Bearer tls-token", server.next().header("Authorization"));
        // The certificate also names localhost.
        clientFor("localhost", "    certificate-authority-data: " + b64(fixture("ca.crt")) + "\n", "    token: t\n")
                .get(ResourceRef.of(NODES, null, "n1"));
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() throws Exception {
        startServer(false);
        KubeClient client = clientFor("127.0.0.1", "    certificate-authority-data: " + b64(fixture("other-ca.crt"))
                + "\n", "    token: t\n");
        ApiException e = assertThrows(ApiException.class, () -> client.get(ResourceRef.of(NODES, null, "n1")));
        assertEquals(503, e.code());
        assertTrue(server.requests.isEmpty(), "nothing, not even the token, reached the server");
    }

    @Test
    void insecureSkipTlsVerifyAcceptsAnyCertificate() throws Exception {
        startServer(false);
        KubeClient client = clientFor("127.0.0.1", "    insecure-skip-tls-verify: true\n", "    token: t\n");
        client.get(ResourceRef.of(NODES, null, "n1"));
        assertEquals("/api/v1/nodes/n1", server.next().path());
    }

    @Test
    void presentsTheClientCertificateWhenTheServerAsksForOne() throws Exception {
        startServer(true);
        String ca = "    certificate-authority-data: " + b64(fixture("ca.crt")) + "\n";
        for (List<String> pair : List.of(List.of("client.crt", "client-rsa.key"), List.of("client-ec.crt", "client-ec.key"))) {
            KubeClient client = clientFor("127.0.0.1", ca, "    client-certificate-data: " + b64(fixture(pair.get(0)))
                    + "\n    client-key-data: " + b64(fixture(pair.get(1))) + "\n");
            client.get(ResourceRef.of(NODES, null, "n1"));
            server.next();
        }
        KubeClient anonymous = clientFor("127.0.0.1", ca, "    token: t\n");
        ApiException e = assertThrows(ApiException.class, () -> anonymous.get(ResourceRef.of(NODES, null, "n1")));
        assertEquals(503, e.code(), "the handshake fails without a client certificate");
    }
}
