package io.kubelix.apiserver.impl;

import io.kubelix.api.resource.ResourceService;
import java.nio.file.Path;
import java.util.Arrays;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the API server while a {@link ResourceService} is present; configured by {@code etc/io.kubelix.apiserver.cfg}. */
@Component(service = {}, configurationPid = "io.kubelix.apiserver", immediate = true)
@Designate(ocd = ApiServerComponent.Config.class)
public class ApiServerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServerComponent.class);

    @ObjectClassDefinition(name = "Kubelix API server", description = "The Kubernetes REST API over HTTPS")
    public @interface Config {
        @AttributeDefinition(description = "Address to bind; 127.0.0.1 keeps the API on this machine")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(description = "HTTPS port")
        int port() default 6443;

        @AttributeDefinition(description = "Directory of the CA, certificates and admin token; relative to the data directory")
        String pkiDirectory() default "kubelix/pki";

        @AttributeDefinition(description = "Extra names or IPs for the serving certificate, comma-separated")
        String extraSubjectAltNames() default "";

        @AttributeDefinition(description = "Largest request body in bytes")
        long maxRequestBytes() default 3L * 1024 * 1024;

        @AttributeDefinition(description = "Longest a watch stays open without a client timeout, in seconds")
        long maxWatchSeconds() default 1800;
    }

    private final ResourceService service;
    private ApiServer server;

    @Activate
    public ApiServerComponent(@Reference ResourceService service, Config config) throws Exception {
        this.service = service;
        Path data = Path.of(System.getProperty("karaf.data", "data"));
        Path pki = data.resolve(config.pkiDirectory());
        ApiServer.Settings settings = new ApiServer.Settings(config.bindAddress(), config.port(), pki,
                Arrays.asList(config.extraSubjectAltNames().split(",")), config.maxRequestBytes(),
                config.maxWatchSeconds());
        server = ApiServer.start(service, settings);
        LOG.info("Kubernetes API listening on {}; admin kubeconfig: {}", server.url(), server.kubeconfig());
    }

    @Deactivate
    void deactivate() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
