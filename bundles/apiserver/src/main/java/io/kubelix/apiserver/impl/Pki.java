package io.kubelix.apiserver.impl;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The cluster's credentials, made at first start and kept in one directory: a CA, the API
 * server's serving certificate (renewed when the host's names or addresses change), the admin
 * bearer token and an admin kubeconfig. Private material is written owner-only.
 */
final class Pki {
    private static final String CA_CERT = "ca.crt";
    private static final String CA_KEY = "ca.key";
    private static final String SERVING_CERT = "apiserver.crt";
    private static final String SERVING_KEY = "apiserver.key";
    private static final String TOKEN = "admin.token";
    static final String KUBECONFIG = "admin.kubeconfig";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVING_VALIDITY = Duration.ofDays(365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;
    private final X509Certificate caCert;
    private final PrivateKey caKey;
    private final X509Certificate servingCert;
    private final PrivateKey servingKey;
    private final String adminToken;

    private Pki(Path dir, X509Certificate caCert, PrivateKey caKey, X509Certificate servingCert,
            PrivateKey servingKey, String adminToken) {
        this.dir = dir;
        this.caCert = caCert;
        this.caKey = caKey;
        this.servingCert = servingCert;
        this.servingKey = servingKey;
        this.adminToken = adminToken;
    }

    /** Loads the credentials in {@code dir}, making whatever is missing or no longer fits. */
    static Pki loadOrCreate(Path dir, List<String> extraNames) throws Exception {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        X509Certificate caCert;
        PrivateKey caKey;
        if (Files.exists(dir.resolve(CA_CERT)) && Files.exists(dir.resolve(CA_KEY))) {
            caCert = readCertificate(dir.resolve(CA_CERT));
            caKey = readKey(dir.resolve(CA_KEY));
        } else {
            KeyPair pair = newKeyPair();
            caCert = selfSignedCa(pair);
            caKey = pair.getPrivate();
            writePrivate(dir.resolve(CA_KEY), pem(caKey));
            writePublic(dir.resolve(CA_CERT), pem(caCert));
        }
        Set<String> names = subjectAltNames(extraNames);
        X509Certificate servingCert = null;
        PrivateKey servingKey = null;
        if (Files.exists(dir.resolve(SERVING_CERT)) && Files.exists(dir.resolve(SERVING_KEY))) {
            servingCert = readCertificate(dir.resolve(SERVING_CERT));
            servingKey = readKey(dir.resolve(SERVING_KEY));
            if (!stillFits(servingCert, caCert, names)) {
                servingCert = null;
            }
        }
        if (servingCert == null) {
            KeyPair pair = newKeyPair();
            servingCert = servingCertificate(pair, caCert, caKey, names);
            servingKey = pair.getPrivate();
            writePrivate(dir.resolve(SERVING_KEY), pem(servingKey));
            writePublic(dir.resolve(SERVING_CERT), pem(servingCert));
        }
        String token;
        if (Files.exists(dir.resolve(TOKEN))) {
            token = Files.readString(dir.resolve(TOKEN)).trim();
        } else {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            writePrivate(dir.resolve(TOKEN), token + "\n");
        }
        return new Pki(dir, caCert, caKey, servingCert, servingKey, token);
    }

    String adminToken() {
        return adminToken;
    }

    X509Certificate caCertificate() {
        return caCert;
    }

    /** A key store holding the serving key and its chain, for Jetty. */
    KeyStore servingKeyStore(char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("apiserver", servingKey, password, new X509Certificate[] {servingCert, caCert});
        return ks;
    }

    /** Writes the admin kubeconfig for {@code serverUrl} and returns its path. */
    Path writeKubeconfig(String serverUrl) throws IOException {
        String ca = Base64.getEncoder().encodeToString(pem(caCert).getBytes(StandardCharsets.UTF_8));
        String text = "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: kubelix\n"
                + "  cluster:\n"
                + "    server: " + serverUrl + "\n"
                + "    certificate-authority-data: " + ca + "\n"
                + "users:\n"
                + "- name: kubelix-admin\n"
                + "  user:\n"
                + "    token: " + adminToken + "\n"
                + "contexts:\n"
                + "- name: kubelix\n"
                + "  context:\n"
                + "    cluster: kubelix\n"
                + "    user: kubelix-admin\n"
                + "    namespace: default\n"
                + "current-context: kubelix\n";
        Path file = dir.getParent().resolve(KUBECONFIG);
        writePrivate(file, text);
        return file;
    }

    private static boolean stillFits(X509Certificate cert, X509Certificate ca, Set<String> names) {
        try {
            cert.verify(ca.getPublicKey());
            if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                return false;
            }
            Set<String> present = new LinkedHashSet<>();
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> entry : cert.getSubjectAlternativeNames()) {
                    present.add(String.valueOf(entry.get(1)));
                }
            }
            for (String name : names) {
                if (!present.contains(name) && !present.contains(normalizeIp(name))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String normalizeIp(String name) {
        try {
            return InetAddress.getByName(name).getHostAddress();
        } catch (Exception e) {
            return name;
        }
    }

    /** localhost, the loopback addresses, the host name and addresses, the in-cluster names, and extras. */
    static Set<String> subjectAltNames(List<String> extra) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException ignored) {
            // A host without a resolvable name keeps the other names.
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address) {
                        names.add(address.getHostAddress());
                    }
                }
            }
        } catch (IOException ignored) {
            // No interface list: the loopback names above still work.
        }
        for (String name : extra) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSignedCa(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=kubelix-ca");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
        return sign(builder, pair.getPrivate());
    }

    private static X509Certificate servingCertificate(KeyPair pair, X509Certificate ca, PrivateKey caKey,
            Set<String> names) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVING_VALIDITY)),
                new X500Name("CN=kube-apiserver"), pair.getPublic());
        List<GeneralName> alt = new ArrayList<>();
        for (String name : names) {
            boolean ip = name.matches("[0-9.]+") || name.contains(":");
            alt.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        return sign(builder, caKey);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        X509CertificateHolder holder = builder.build(signer);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    private static String pem(Object object) throws IOException {
        if (object instanceof PrivateKey key) {
            // PKCS#8 keeps the EC curve with the key; the traditional EC format read back without it.
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static X509Certificate readCertificate(Path file) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
    }

    private static PrivateKey readKey(Path file) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                // An EC key in the traditional format may carry no public part: read the private part alone.
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            return converter.getPrivateKey((PrivateKeyInfo) o);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        write(file, content, "rw-------");
    }

    private static void writePublic(Path file, String content) throws IOException {
        write(file, content, "rw-r--r--");
    }

    /** Writes via a temporary file and a rename, so a crash never leaves half a key behind. */
    private static void write(Path file, String content, String permissions) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        restrict(tmp, permissions);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restrict(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: nothing more can be done here.
        }
    }
}
