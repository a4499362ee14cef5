package io.kubelix.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.yaml.Yaml;
import io.kubelix.client.internal.Pem;
import io.kubelix.client.internal.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * One context of a kubeconfig file: the API server's address and CA, and the user's credentials.
 * Immutable; thread-safe.
 * <p>
 * Supported: {@code current-context} (or a named context) to its cluster ({@code server},
 * {@code certificate-authority-data} or {@code certificate-authority},
 * {@code insecure-skip-tls-verify}) and user ({@code token} or {@code tokenFile}, and/or
 * {@code client-certificate-data}/{@code client-key-data} or {@code client-certificate}/
 * {@code client-key} as PEM). File paths are relative to the kubeconfig's directory. Not
 * supported: exec and auth-provider plugins, basic auth, proxies, {@code tls-server-name}, and
 * merging several files from {@code KUBECONFIG}.
 * <p>
 * The server must be {@code https://}; a plain {@code http://} server is accepted only together
 * with {@code insecure-skip-tls-verify: true}, because credentials would travel in the clear.
 */
public final class KubeConfig {
    /** How long a token read from {@code tokenFile} is used before the file is read again (tokens rotate). */
    private static final Duration TOKEN_FILE_REFRESH = Duration.ofMinutes(1);

    private final String source;
    private final String context;
    private final URI server;
    private final String namespace;
    private final List<X509Certificate> certificateAuthorities;
    private final boolean insecureSkipTlsVerify;
    private final String token;
    private final Path tokenFile;
    private final X509Certificate[] clientCertificateChain;
    private final PrivateKey clientKey;
    private final Object tokenLock = new Object();
    private String cachedFileToken;
    private long cachedFileTokenAt;

    private KubeConfig(String source, String context, URI server, String namespace,
            List<X509Certificate> certificateAuthorities, boolean insecureSkipTlsVerify, String token, Path tokenFile,
            X509Certificate[] clientCertificateChain, PrivateKey clientKey) {
        this.source = source;
        this.context = context;
        this.server = server;
        this.namespace = namespace;
        this.certificateAuthorities = List.copyOf(certificateAuthorities);
        this.insecureSkipTlsVerify = insecureSkipTlsVerify;
        this.token = token;
        this.tokenFile = tokenFile;
        this.clientCertificateChain = clientCertificateChain;
        this.clientKey = clientKey;
    }

    /** The current context of a kubeconfig file. */
    public static KubeConfig load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * A context of a kubeconfig file.
     *
     * @param context the context name, or null for the file's {@code current-context}
     * @throws IOException              when the file (or a file it names) cannot be read
     * @throws IllegalArgumentException when the file is not a usable kubeconfig; the message names
     *                                  the file and what is missing or wrong
     */
    public static KubeConfig load(Path file, String context) throws IOException {
        Path absolute = file.toAbsolutePath();
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(absolute.toString(), null, "the kubeconfig file does not exist");
        }
        try {
            return parse(text, absolute.getParent(), context, absolute.toString());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The kubeconfig kubectl would use: the first file in {@code $KUBECONFIG}, else
     * {@code ~/.kube/config}; its current context.
     */
    public static KubeConfig loadDefault() throws IOException {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String entry : env.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    return load(Path.of(entry));
                }
            }
        }
        return load(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    /**
     * Parses kubeconfig text that is not in a file.
     *
     * @param baseDirectory where relative file paths in the text are resolved; null when they
     *                      must be absolute
     * @param context       the context name, or null for {@code current-context}
     * @throws IllegalArgumentException when the text is not a usable kubeconfig
     * @throws UncheckedIOException     when a file it names cannot be read
     */
    public static KubeConfig parse(String yaml, Path baseDirectory, String context) {
        return parse(yaml, baseDirectory, context, "the kubeconfig");
    }

    private static KubeConfig parse(String yaml, Path baseDirectory, String requestedContext, String source) {
        String where = source.equals("the kubeconfig") ? source : "kubeconfig " + source;
        JsonObject root;
        try {
            root = Yaml.readObject(yaml);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not valid YAML: " + e.getMessage(), e);
        }
        String contextName = requestedContext;
        if (contextName == null || contextName.isEmpty()) {
            contextName = string(root, "current-context", where);
            if (contextName == null || contextName.isEmpty()) {
                throw new IllegalArgumentException(where + " has no current-context: name a context, or set one with "
                        + "'kubectl config use-context NAME'" + available(root, "contexts"));
            }
        }
        JsonObject ctx = named(root, "contexts", "context", contextName, where);
        String clusterName = string(ctx, "cluster", where + ", context \"" + contextName + "\"");
        if (clusterName == null || clusterName.isEmpty()) {
            throw new IllegalArgumentException(where + ": context \"" + contextName + "\" names no cluster");
        }
        String userName = string(ctx, "user", where + ", context \"" + contextName + "\"");
        String namespace = string(ctx, "namespace", where);
        JsonObject cluster = named(root, "clusters", "cluster", clusterName, where);
        String clusterWhere = where + ", cluster \"" + clusterName + "\"";

        String serverText = string(cluster, "server", clusterWhere);
        if (serverText == null || serverText.isEmpty()) {
            throw new IllegalArgumentException(clusterWhere + " has no server (the API server's https:// URL)");
        }
        boolean insecure = bool(cluster, "insecure-skip-tls-verify", clusterWhere);
        URI server = server(serverText, insecure, clusterWhere);

        List<X509Certificate> cas = new ArrayList<>();
        String caData = string(cluster, "certificate-authority-data", clusterWhere);
        String caFile = string(cluster, "certificate-authority", clusterWhere);
        if (caData != null && !caData.isEmpty()) {
            cas.addAll(Pem.certificates(base64(caData, clusterWhere + ": certificate-authority-data"),
                    clusterWhere + ": certificate-authority-data"));
        } else if (caFile != null && !caFile.isEmpty()) {
            Path path = resolve(baseDirectory, caFile, clusterWhere + ": certificate-authority");
            cas.addAll(Pem.certificates(read(path, clusterWhere + ": certificate-authority"),
                    clusterWhere + ": certificate-authority " + path));
        }
        if (insecure && !cas.isEmpty()) {
            throw new IllegalArgumentException(clusterWhere + " sets both a certificate authority and "
                    + "insecure-skip-tls-verify; remove one of them");
        }
        if (string(cluster, "tls-server-name", clusterWhere) != null) {
            throw new IllegalArgumentException(clusterWhere + " sets tls-server-name, which this client does not "
                    + "support; use a server URL whose host name the certificate carries");
        }

        String token = null;
        Path tokenFile = null;
        X509Certificate[] chain = null;
        PrivateKey key = null;
        if (userName != null && !userName.isEmpty()) {
            JsonObject user = named(root, "users", "user", userName, where);
            String userWhere = where + ", user \"" + userName + "\"";
            token = string(user, "token", userWhere);
            if (token != null && token.isEmpty()) {
                token = null;
            }
            String tokenPath = string(user, "tokenFile", userWhere);
            if (token == null && tokenPath != null && !tokenPath.isEmpty()) {
                tokenFile = resolve(baseDirectory, tokenPath, userWhere + ": tokenFile");
                if (readToken(tokenFile).isEmpty()) {
                    throw new IllegalArgumentException(userWhere + ": tokenFile " + tokenFile + " is empty");
                }
            }
            String certPem = pemField(user, "client-certificate-data", "client-certificate", baseDirectory, userWhere);
            String keyPem = pemField(user, "client-key-data", "client-key", baseDirectory, userWhere);
            if (certPem != null && keyPem == null) {
                throw new IllegalArgumentException(userWhere + " has a client certificate but no key: add "
                        + "client-key-data or client-key");
            }
            if (keyPem != null && certPem == null) {
                throw new IllegalArgumentException(userWhere + " has a client key but no certificate: add "
                        + "client-certificate-data or client-certificate");
            }
            if (certPem != null) {
                chain = Pem.certificates(certPem, userWhere + ": client certificate").toArray(new X509Certificate[0]);
                key = Pem.privateKey(keyPem, userWhere + ": client key");
            }
            if (token == null && tokenFile == null && chain == null) {
                String unsupported = user.has("exec") ? "an exec credential plugin"
                        : user.has("auth-provider") ? "an auth-provider plugin"
                        : user.has("username") || user.has("password") ? "basic authentication" : null;
                throw new IllegalArgumentException(userWhere + (unsupported != null
                        ? " uses " + unsupported + ", which this client does not support;"
                        : " has no credentials:") + " give it a token, tokenFile, or client certificate and key");
            }
        }
        return new KubeConfig(source, contextName, server, namespace == null || namespace.isEmpty() ? "default"
                : namespace, cas, insecure, token, tokenFile, chain, key);
    }

    /** Where this configuration was read from: a file path, or "the kubeconfig" for parsed text. */
    public String source() {
        return source;
    }

    public String context() {
        return context;
    }

    /** The API server's base URL, without a trailing slash. */
    public URI server() {
        return server;
    }

    /** The context's namespace, "default" when it names none. */
    public String namespace() {
        return namespace;
    }

    /** The CAs the server's certificate must chain to; empty for the JVM's default trust. */
    public List<X509Certificate> certificateAuthorities() {
        return certificateAuthorities;
    }

    public boolean insecureSkipTlsVerify() {
        return insecureSkipTlsVerify;
    }

    public boolean hasClientCertificate() {
        return clientCertificateChain != null;
    }

    /**
     * The bearer token to send, or null when the user has none. A {@code tokenFile} is re-read at
     * most once a minute, so rotated tokens are picked up.
     *
     * @throws UncheckedIOException when the token file can no longer be read
     */
    public String bearerToken() {
        if (token != null || tokenFile == null) {
            return token;
        }
        synchronized (tokenLock) {
            long now = System.nanoTime();
            if (cachedFileToken == null || now - cachedFileTokenAt > TOKEN_FILE_REFRESH.toNanos()) {
                cachedFileToken = readToken(tokenFile);
                cachedFileTokenAt = now;
            }
            return cachedFileToken;
        }
    }

    /**
     * A TLS context that trusts this configuration's CAs (or everything, when
     * {@code insecure-skip-tls-verify}) and presents its client certificate, if any.
     */
    public SSLContext sslContext() {
        return TlsContexts.create(certificateAuthorities, insecureSkipTlsVerify, clientCertificateChain, clientKey);
    }

    @Override
    public String toString() {
        String auth = token != null ? "token" : tokenFile != null ? "token file " + tokenFile : "no token";
        return "KubeConfig[" + source + ", context " + context + ", server " + server + ", namespace " + namespace
                + ", " + auth + (clientCertificateChain != null ? ", client certificate "
                + clientCertificateChain[0].getSubjectX500Principal().getName() : "")
                + (insecureSkipTlsVerify ? ", INSECURE" : "") + "]";
    }

    // ---- parsing helpers ----

    private static URI server(String text, boolean insecure, String where) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": server \"" + text + "\" is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(where + ": server \"" + text + "\" is not an https:// URL with a host");
        }
        if (scheme.equals("http") && !insecure) {
            throw new IllegalArgumentException(where + ": server \"" + text + "\" is plain http, which would send "
                    + "credentials in the clear; use https (or set insecure-skip-tls-verify: true to accept this)");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(where + ": server \"" + text + "\" must not have a query or fragment");
        }
        return uri;
    }

    private static String pemField(JsonObject user, String dataField, String fileField, Path base, String where) {
        String data = string(user, dataField, where);
        if (data != null && !data.isEmpty()) {
            return base64(data, where + ": " + dataField);
        }
        String file = string(user, fileField, where);
        if (file != null && !file.isEmpty()) {
            return read(resolve(base, file, where + ": " + fileField), where + ": " + fileField);
        }
        return null;
    }

    private static JsonObject named(JsonObject root, String listField, String entryField, String name, String where) {
        JsonElement list = root.get(listField);
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : list.getAsJsonArray()) {
                if (e.isJsonObject() && name.equals(string(e.getAsJsonObject(), "name", where))) {
                    JsonElement inner = e.getAsJsonObject().get(entryField);
                    if (inner == null || !inner.isJsonObject()) {
                        throw new IllegalArgumentException(where + ": " + entryField + " \"" + name + "\" has no "
                                + entryField + " section");
                    }
                    return inner.getAsJsonObject();
                }
            }
        }
        throw new IllegalArgumentException(where + " has no " + entryField + " named \"" + name + "\""
                + available(root, listField));
    }

    private static String available(JsonObject root, String listField) {
        List<String> names = new ArrayList<>();
        JsonElement list = root.get(listField);
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : (JsonArray) list) {
                if (e.isJsonObject() && e.getAsJsonObject().get("name") instanceof JsonPrimitive p) {
                    names.add(p.getAsString());
                }
            }
        }
        return names.isEmpty() ? " (it defines no " + listField + ")" : " (it defines " + listField + " "
                + String.join(", ", names) + ")";
    }

    private static String string(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException(where + ": " + field + " must be a string");
        }
        return e.getAsString();
    }

    private static boolean bool(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        throw new IllegalArgumentException(where + ": " + field + " must be true or false");
    }

    private static String base64(String data, String where) {
        try {
            return new String(Base64.getDecoder().decode(data.replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not valid base64: " + e.getMessage(), e);
        }
    }

    private static Path resolve(Path base, String file, String where) {
        Path p = Path.of(file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file);
        if (p.isAbsolute()) {
            return p;
        }
        if (base == null) {
            throw new IllegalArgumentException(where + ": relative path \"" + file + "\" cannot be resolved: the "
                    + "kubeconfig was not read from a file");
        }
        return base.resolve(p).normalize();
    }

    private static String read(Path path, String where) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(where + ": cannot read " + path + ": " + e, e));
        }
    }

    private static String readToken(Path path) {
        return read(path, "tokenFile").trim();
    }
}
