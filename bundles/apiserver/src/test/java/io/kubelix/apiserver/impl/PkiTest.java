package io.kubelix.apiserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {
    @TempDir
    Path dir;

    @Test
    void credentialsSurviveARestartAndPrivateFilesAreOwnerOnly() throws Exception {
        Path pki = dir.resolve("kubelix/pki");
        Pki first = Pki.loadOrCreate(pki, List.of());
        Pki second = Pki.loadOrCreate(pki, List.of());
        assertEquals(first.adminToken(), second.adminToken());
        assertEquals(first.caCertificate(), second.caCertificate());
        assertEquals(64, first.adminToken().length());
        second.servingKeyStore("x".toCharArray());
        for (String privateFile : List.of("ca.key", "apiserver.key", "admin.token")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve(privateFile))));
        }
        Path kubeconfig = second.writeKubeconfig("https://127.0.0.1:6443");
        String text = Files.readString(kubeconfig);
        assertTrue(text.contains("server: https://127.0.0.1:6443"));
        assertTrue(text.contains("token: " + second.adminToken()));
    }

    @Test
    void servingCertificateCoversLoopbackAndIsRenewedForNewNames() throws Exception {
        Path pki = dir.resolve("pki");
        Pki.loadOrCreate(pki, List.of());
        String before = Files.readString(pki.resolve("apiserver.crt"));
        X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(pki.resolve("apiserver.crt")));
        List<String> names = new ArrayList<>();
        cert.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
        assertTrue(names.containsAll(List.of("localhost", "127.0.0.1", "kubernetes.default.svc")), names.toString());
        Pki.loadOrCreate(pki, List.of());
        assertEquals(before, Files.readString(pki.resolve("apiserver.crt")), "an unchanged host keeps its certificate");
        Pki.loadOrCreate(pki, List.of("api.example.test"));
        assertNotEquals(before, Files.readString(pki.resolve("apiserver.crt")), "a new name needs a new certificate");
    }
}
