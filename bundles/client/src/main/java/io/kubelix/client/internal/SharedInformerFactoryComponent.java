package io.kubelix.client.internal;

import io.kubelix.api.resource.ResourceType;
import io.kubelix.client.KubeClient;
import io.kubelix.client.SharedInformer;
import io.kubelix.client.SharedInformerFactory;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The process-wide {@link SharedInformerFactory}, over the in-process client; configured by
 * {@code etc/io.kubelix.client.informers.cfg}. Its informers stop when it is deactivated.
 */
@Component(service = SharedInformerFactory.class, configurationPid = "io.kubelix.client.informers")
@Designate(ocd = SharedInformerFactoryComponent.Config.class)
public class SharedInformerFactoryComponent implements SharedInformerFactory {

    @ObjectClassDefinition(name = "Kubelix shared informers",
            description = "The watched caches controllers share")
    public @interface Config {
        @AttributeDefinition(description = "How often every cached object is re-delivered to handlers as an "
                + "update, in seconds; 0 turns resync off")
        long resyncPeriodSeconds() default 0;
    }

    private final InformerFactory factory;

    @Activate
    public SharedInformerFactoryComponent(@Reference(target = "(kubelix.client=in-process)") KubeClient client,
            Config config) {
        if (config.resyncPeriodSeconds() < 0) {
            throw new IllegalArgumentException("resyncPeriodSeconds must be 0 (off) or positive, got "
                    + config.resyncPeriodSeconds());
        }
        this.factory = new InformerFactory(client, Duration.ofSeconds(config.resyncPeriodSeconds()));
    }

    @Override
    public SharedInformer informer(ResourceType type, String namespace) {
        return factory.informer(type, namespace);
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }
}
