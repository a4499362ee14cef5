package io.kubelix.apiserver.impl;

import io.kubelix.api.resource.ResourceService;
import io.kubelix.apiserver.impl.auth.Authenticator;
import io.kubelix.apiserver.impl.auth.ReviewEndpoints;
import io.kubelix.apiserver.impl.auth.ServiceAccountTokens;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The HTTPS server of the Kubernetes API: Jetty, TLS from the cluster PKI, one servlet. */
public final class ApiServer implements AutoCloseable {
    /** Where to listen and how to behave. */
    public record Settings(String bindAddress, int port, Path pkiDirectory, List<String> extraSubjectAltNames,
            long maxRequestBytes, long maxWatchSeconds) {
    }

    private final Server server;
    private final Path kubeconfig;
    private final String url;

    private ApiServer(Server server, Path kubeconfig, String url) {
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.url = url;
    }

    /** Starts serving; the admin kubeconfig is written next to the PKI directory. */
    public static ApiServer start(ResourceService service, Settings settings) throws Exception {
        Pki pki = Pki.loadOrCreate(settings.pkiDirectory(), settings.extraSubjectAltNames());
        QueuedThreadPool threads = new QueuedThreadPool(400, 8);
        threads.setName("kubelix-api");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setSecureScheme("https");
        http.setSecurePort(settings.port());
        // Clients reach the server by IP address too, which carries no SNI name to check.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(pki.servingKeyStore(password));
        tls.setKeyStorePassword(new String(password));
        tls.setIncludeProtocols("TLSv1.2", "TLSv1.3");

        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);

        String host = settings.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : settings.bindAddress();
        String url = "https://" + host + ":" + settings.port();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServiceAccountTokens tokens = ServiceAccountTokens.loadOrCreate(settings.pkiDirectory());
        Clock clock = Clock.systemUTC();
        context.addServlet(new ServletHolder("kubernetes-api", new ApiServlet(service,
                new Authenticator(pki.adminToken(), tokens, service, clock), new ReviewEndpoints(service, tokens, clock),
                settings.maxRequestBytes(), settings.maxWatchSeconds(), host + ":" + settings.port())), "/*");
        server.setHandler(context);

        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // Jetty finds some of its parts through the context class loader.
        current.setContextClassLoader(ApiServer.class.getClassLoader());
        try {
            server.start();
        } finally {
            current.setContextClassLoader(previous);
        }
        Path kubeconfig = pki.writeKubeconfig(url);
        return new ApiServer(server, kubeconfig, url);
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
