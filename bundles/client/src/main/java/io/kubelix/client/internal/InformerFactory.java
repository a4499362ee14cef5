package io.kubelix.client.internal;

import io.kubelix.api.resource.ResourceType;
import io.kubelix.client.KubeClient;
import io.kubelix.client.SharedInformer;
import io.kubelix.client.StandaloneInformerFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps one started {@link Informer} per type and namespace. */
public final class InformerFactory implements StandaloneInformerFactory {
    static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(800);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

    private record Key(String apiVersion, String plural, String namespace) {
    }

    private final KubeClient client;
    private final Duration resyncPeriod;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Map<Key, Informer> informers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public InformerFactory(KubeClient client, Duration resyncPeriod) {
        this(client, resyncPeriod, DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX);
    }

    InformerFactory(KubeClient client, Duration resyncPeriod, Duration backoffInitial, Duration backoffMax) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        if (resyncPeriod.isNegative()) {
            throw new IllegalArgumentException("resyncPeriod must not be negative (zero turns resync off), got "
                    + resyncPeriod);
        }
        this.resyncPeriod = resyncPeriod;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        new Backoff(backoffInitial, backoffMax); // fails now on bad settings rather than in a thread later
    }

    @Override
    public SharedInformer informer(ResourceType type, String namespace) {
        Objects.requireNonNull(type, "type");
        if (!type.verbs().isEmpty() && !(type.allows("list") && type.allows("watch"))) {
            throw new IllegalArgumentException(type.qualifiedPlural() + " cannot be cached: the server does not allow "
                    + "both list and watch on them (verbs " + type.verbs() + ")");
        }
        String ns = type.namespaced() && namespace != null && !namespace.isEmpty() ? namespace : null;
        Key key = new Key(type.apiVersion(), type.plural(), ns);
        Informer existing = informers.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this informer factory has been shut down");
            }
            return informers.computeIfAbsent(key, k -> {
                Informer informer = new Informer(client, type, ns, resyncPeriod, new Backoff(backoffInitial, backoffMax));
                informer.start();
                return informer;
            });
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        informers.values().forEach(Informer::stop);
        informers.clear();
    }
}
