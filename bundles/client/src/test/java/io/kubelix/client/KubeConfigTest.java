package io.kubelix.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeConfigTest {
    @TempDir
    Path dir;

    static String fixture(String name) {
        try (InputStream in = KubeConfigTest.class.getResourceAsStream("/pki/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A kubeconfig with one context "main" -> cluster "c" + user "u"; the parts are filled in per test. */
    static String config(String currentContext, String cluster, String user, String contextExtra) {
        return "apiVersion: v1\n"
                + "kind: Config\n"
                + (currentContext == null ? "" : "current-context: " + currentContext + "\n")
                + "clusters:\n"
                + "- name: c\n"
                + "  cluster:\n" + indent(cluster, 4)
                + "users:\n"
                + "- name: u\n"
                + "  user:\n" + indent(user, 4)
                + "contexts:\n"
                + "- name: main\n"
                + "  context:\n"
                + "    cluster: c\n"
                + "    user: u\n" + indent(contextExtra, 4)
                + "- name: other\n"
                + "  context:\n"
                + "    cluster: c\n"
                + "    user: u\n"
                + "    namespace: elsewhere\n";
    }

    private static String indent(String lines, int n) {
        StringBuilder b = new StringBuilder();
        for (String line : lines.split("\n")) {
            if (!line.isEmpty()) {
                b.append(" ".repeat(n)).append(line).append('\n');
            }
        }
        return b.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsTheCurrentContextWithTokenAndInlineCa() throws Exception {
        Path file = write("config", config("main",
                "server: https://127.0.0.1:6443/\ncertificate-authority-data: " + b64(fixture("ca.crt")),
                "token: s3cret-token", "namespace: team-a"));
        KubeConfig c = KubeConfig.load(file);
        assertEquals("main", c.context());
        assertEquals(URI.create("https://127.0.0.1:6443"), c.server(), "trailing slash dropped");
        assertEquals("team-a", c.namespace());
        assertEquals("s3cret-token", c.bearerToken());
        assertEquals(1, c.certificateAuthorities().size());
        assertEquals("CN=kubelix-test-ca", c.certificateAuthorities().get(0).getSubjectX500Principal().getName());
        assertFalse(c.insecureSkipTlsVerify());
        assertFalse(c.hasClientCertificate());
        assertNotNull(c.sslContext());
        assertEquals(file.toAbsolutePath().toString(), c.source());
        assertFalse(c.toString().contains("s3cret"), "toString must not print the token: " + c);
    }

    @Test
    void aNamedContextOverridesTheCurrentOneAndNamespaceDefaultsToDefault() throws Exception {
        String text = config("main", "server: https://k.example:6443", "token: t", "");
        assertEquals("default", KubeConfig.parse(text, null, null).namespace());
        KubeConfig other = KubeConfig.parse(text, null, "other");
        assertEquals("other", other.context());
        assertEquals("elsewhere", other.namespace());
    }

    @Test
    void filePathsAreRelativeToTheKubeconfigsDirectory() throws Exception {
        write("pki/ca.crt", fixture("ca.crt"));
        write("kube/certs/client.crt", fixture("client.crt"));
        write("kube/certs/client.key", fixture("client-rsa.key"));
        write("kube/token", "  file-token\n");
        Path file = write("kube/config", config("main",
                "server: https://127.0.0.1:6443\ncertificate-authority: ../pki/ca.crt",
                "tokenFile: token\nclient-certificate: certs/client.crt\nclient-key: certs/client.key", ""));
        KubeConfig c = KubeConfig.load(file);
        assertEquals(1, c.certificateAuthorities().size());
        assertTrue(c.hasClientCertificate());
        assertEquals("file-token", c.bearerToken(), "read from the file, trimmed");
        assertNotNull(c.sslContext(), "the PKCS#1 RSA key is usable");
    }

    @Test
    void aRelativePathInParsedTextWithoutABaseDirectoryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubeConfig.parse(
                config("main", "server: https://h:1\ncertificate-authority: ca.crt", "token: t", ""), null, null));
        assertTrue(e.getMessage().contains("relative path \"ca.crt\""), e.getMessage());
    }

    @Test
    void readsInlineEcClientCertificateAndSec1Key() {
        KubeConfig c = KubeConfig.parse(config("main", "server: https://h:6443",
                "client-certificate-data: " + b64(fixture("client-ec.crt")) + "\nclient-key-data: "
                        + b64(fixture("client-ec.key")), ""), null, null);
        assertTrue(c.hasClientCertificate());
        assertNull(c.bearerToken());
        assertNotNull(c.sslContext());
    }

    @Test
    void aMissingCurrentContextSaysSoAndListsTheContexts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KubeConfig.parse(config(null, "server: https://h:1", "token: t", ""), null, null));
        assertTrue(e.getMessage().contains("no current-context"), e.getMessage());
        assertTrue(e.getMessage().contains("main, other"), e.getMessage());
    }

    @Test
    void anUnknownContextIsNamedInTheError() throws Exception {
        Path file = write("config", config("nope", "server: https://h:1", "token: t", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubeConfig.load(file));
        assertTrue(e.getMessage().contains("no context named \"nope\""), e.getMessage());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), "names the file: " + e.getMessage());
    }

    @Test
    void missingPiecesAreNamed() {
        String noServer = config("main", "insecure-skip-tls-verify: false", "token: t", "");
        assertMessage(noServer, "cluster \"c\" has no server");
        String noUserSection = config("main", "server: https://h:1", "token: t", "").replace("- name: u\n", "- name: x\n");
        assertMessage(noUserSection, "no user named \"u\"");
        assertMessage(config("main", "server: https://h:1", "client-certificate-data: " + b64(fixture("client.crt")), ""),
                "client certificate but no key");
        assertMessage(config("main", "server: https://h:1", "exec:\n  command: aws", ""), "exec credential plugin");
        assertMessage(config("main", "server: https://h:1", "username: admin\npassword: p", ""), "basic authentication");
        assertMessage(config("main", "server: https://h:1\ncertificate-authority-data: '%%%'", "token: t", ""),
                "certificate-authority-data is not valid base64");
        assertMessage(config("main", "server: https://h:1\ncertificate-authority-data: " + b64("hello"), "token: t", ""),
                "no PEM certificate");
        assertMessage("just: [a, list", "not valid YAML");
    }

    @Test
    void plainHttpIsRefusedUnlessInsecureIsExplicit() {
        assertMessage(config("main", "server: http://h:8080", "token: t", ""), "plain http");
        KubeConfig insecure = KubeConfig.parse(config("main", "server: http://h:8080\ninsecure-skip-tls-verify: true",
                "token: t", ""), null, null);
        assertTrue(insecure.insecureSkipTlsVerify());
        assertTrue(insecure.toString().contains("INSECURE"));
        assertMessage(config("main", "server: ftp://h", "token: t", ""), "not an https:// URL");
        assertMessage(config("main", "server: https://h:1\ninsecure-skip-tls-verify: true\ncertificate-authority-data: "
                + b64(fixture("ca.crt")), "token: t", ""), "both a certificate authority and insecure-skip-tls-verify");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("absent/config");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> KubeConfig.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anUnreadableTokenFileIsAnIoError() throws Exception {
        Path file = write("config", config("main", "server: https://h:1", "tokenFile: missing-token", ""));
        IOException e = assertThrows(IOException.class, () -> KubeConfig.load(file));
        assertTrue(e.getMessage().contains("missing-token"), e.getMessage());
    }

    private static void assertMessage(String kubeconfig, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KubeConfig.parse(kubeconfig, null, null));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
