package io.kubelix.apiserver.impl.auth;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Service account tokens: JWTs signed ES256 with the cluster's service account key, carrying the claims
 * Kubernetes puts in them ({@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code nbf},
 * {@code jti} and the {@code kubernetes.io} claim naming the service account and any bound object).
 *
 * <p>The key pair is made at first start and kept next to the PKI: {@code sa.key} (owner-only) and
 * {@code sa.pub}. Tokens are never logged.
 */
public final class ServiceAccountTokens {
    /** The audience (and issuer) of tokens meant for this API server, as in Kubernetes. */
    public static final String API_AUDIENCE = "https://kubernetes.default.svc";
    public static final String ISSUER = API_AUDIENCE;
    static final String PRIVATE_KEY_FILE = "sa.key";
    static final String PUBLIC_KEY_FILE = "sa.pub";
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What a token says; {@code boundKind} and the rest are null for an unbound token. */
    public record Claims(String namespace, String serviceAccount, String serviceAccountUid, List<String> audiences,
            Instant issuedAt, Instant expiresAt, String id, String boundKind, String boundName, String boundUid) {
        public Claims {
            audiences = List.copyOf(audiences);
        }

        public String subject() {
            return "system:serviceaccount:" + namespace + ":" + serviceAccount;
        }
    }

    /** A token that must not be accepted; the message says why (it never contains the token). */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    ServiceAccountTokens(KeyPair keys) {
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
        try {
            // Kubernetes' key id: the base64url SHA-256 of the public key's DER encoding.
            this.keyId = B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the signing key pair from {@code pkiDirectory}, making it when it is not there yet. */
    public static ServiceAccountTokens loadOrCreate(Path pkiDirectory) throws IOException, GeneralSecurityException {
        Path privateFile = pkiDirectory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = pkiDirectory.resolve(PUBLIC_KEY_FILE);
        KeyFactory ec = KeyFactory.getInstance("EC");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            PrivateKey privateKey = ec.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile)));
            PublicKey publicKey = ec.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
            return new ServiceAccountTokens(new KeyPair(publicKey, privateKey));
        }
        // A lone half is useless: make a new pair (tokens signed by an older key stop working).
        KeyPair pair = newKeyPair();
        Files.createDirectories(pkiDirectory);
        write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
        write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
        return new ServiceAccountTokens(pair);
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Signs a token for {@code claims} (its id and times are taken as given). */
    public String issue(Claims claims) {
        JsonObject header = new JsonObject();
        header.addProperty("alg", "ES256");
        header.addProperty("kid", keyId);
        JsonObject payload = new JsonObject();
        JsonArray aud = new JsonArray();
        claims.audiences().forEach(aud::add);
        payload.add("aud", aud);
        payload.addProperty("exp", claims.expiresAt().getEpochSecond());
        payload.addProperty("iat", claims.issuedAt().getEpochSecond());
        payload.addProperty("iss", ISSUER);
        payload.addProperty("jti", claims.id());
        JsonObject k8s = new JsonObject();
        k8s.addProperty("namespace", claims.namespace());
        if (claims.boundKind() != null) {
            JsonObject bound = new JsonObject();
            bound.addProperty("name", claims.boundName());
            bound.addProperty("uid", claims.boundUid());
            k8s.add(claims.boundKind().toLowerCase(java.util.Locale.ROOT), bound);
        }
        JsonObject sa = new JsonObject();
        sa.addProperty("name", claims.serviceAccount());
        sa.addProperty("uid", claims.serviceAccountUid());
        k8s.add("serviceaccount", sa);
        payload.add("kubernetes.io", k8s);
        payload.addProperty("nbf", claims.issuedAt().getEpochSecond());
        payload.addProperty("sub", claims.subject());
        String signingInput = B64.encodeToString(Json.writeBytes(header)) + "."
                + B64.encodeToString(Json.writeBytes(payload));
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a service account token", e);
        }
    }

    /** A new token id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code token} has the shape of a JWT (three base64url parts); says nothing of its validity. */
    public static boolean looksLikeJwt(String token) {
        return token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    /**
     * Checks the signature, issuer, audience ({@link #API_AUDIENCE} must be among them), {@code exp} and
     * {@code nbf} of a token at time {@code now}; whether the service account still exists is up to the caller.
     */
    public Claims verify(String token, Instant now) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWT");
        }
        JsonObject header;
        JsonObject payload;
        byte[] signature;
        try {
            header = Json.parseObject(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
            payload = Json.parseObject(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
            signature = B64D.decode(parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidTokenException("not a readable JWT");
        }
        if (!"ES256".equals(string(header, "alg"))) {
            throw new InvalidTokenException("unexpected signing algorithm");
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                throw new InvalidTokenException("bad signature");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidTokenException("bad signature");
        }
        if (!ISSUER.equals(string(payload, "iss"))) {
            throw new InvalidTokenException("unknown issuer");
        }
        List<String> audiences = new ArrayList<>();
        JsonElement aud = payload.get("aud");
        if (aud != null && aud.isJsonArray()) {
            aud.getAsJsonArray().forEach(a -> audiences.add(a.isJsonPrimitive() ? a.getAsString() : ""));
        } else if (aud != null && aud.isJsonPrimitive()) {
            audiences.add(aud.getAsString());
        }
        if (!audiences.contains(API_AUDIENCE)) {
            throw new InvalidTokenException("the token is not meant for this API server (audience)");
        }
        Instant expires = instant(payload, "exp");
        Instant notBefore = instant(payload, "nbf");
        Instant issued = instant(payload, "iat");
        if (expires == null || !now.isBefore(expires)) {
            throw new InvalidTokenException("the token has expired");
        }
        if (notBefore != null && now.isBefore(notBefore)) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        JsonObject k8s = payload.get("kubernetes.io") instanceof JsonObject o ? o : null;
        JsonObject sa = k8s != null && k8s.get("serviceaccount") instanceof JsonObject o ? o : null;
        String namespace = k8s == null ? null : string(k8s, "namespace");
        String name = sa == null ? null : string(sa, "name");
        String uid = sa == null ? null : string(sa, "uid");
        if (namespace == null || name == null || uid == null
                || !("system:serviceaccount:" + namespace + ":" + name).equals(string(payload, "sub"))) {
            throw new InvalidTokenException("the token names no service account");
        }
        String boundKind = null;
        String boundName = null;
        String boundUid = null;
        for (String kind : List.of("Pod", "Secret")) {
            if (k8s.get(kind.toLowerCase(java.util.Locale.ROOT)) instanceof JsonObject bound) {
                boundKind = kind;
                boundName = string(bound, "name");
                boundUid = string(bound, "uid");
            }
        }
        return new Claims(namespace, name, uid, audiences, issued == null ? expires : issued, expires,
                string(payload, "jti"), boundKind, boundName, boundUid);
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static Instant instant(JsonObject o, String field) throws InvalidTokenException {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(e.getAsLong());
        } catch (RuntimeException ex) {
            throw new InvalidTokenException("the token's " + field + " is not a time");
        }
    }

    private static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static byte[] readPem(Path file) throws IOException {
        String text = Files.readString(file);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a PEM file: " + e.getMessage(), e);
        }
    }

    /** Via a temporary file and a rename, so a crash never leaves half a key behind. */
    private static void write(Path file, String content, String permissions) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the directory's own protection has to do.
        }
        Files.writeString(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
