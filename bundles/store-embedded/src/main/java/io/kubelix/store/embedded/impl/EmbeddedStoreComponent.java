package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.KeyValueStore;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.RangeResult;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import io.kubelix.api.store.Watch;
import io.kubelix.api.store.WatchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers the embedded store as the {@link KeyValueStore} service named {@code embedded}. A changed
 * configuration re-creates the component (the file must be closed before it can be reopened elsewhere).
 */
@Component(
        service = KeyValueStore.class,
        configurationPid = EmbeddedStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = KeyValueStore.NAME_PROPERTY + "=embedded")
@Designate(ocd = EmbeddedStoreComponent.Config.class)
public class EmbeddedStoreComponent implements KeyValueStore {
    static final String PID = "io.kubelix.store.embedded";
    static final String KARAF_DATA = "karaf.data";

    @ObjectClassDefinition(name = "Kubelix embedded store",
            description = "The object store in one H2 MVStore file inside the node's data directory.")
    public @interface Config {
        @AttributeDefinition(description = "The store file; ${karaf.data} is replaced by the Karaf data"
                + " directory (./data when it is not set).")
        String path() default "${karaf.data}/kubelix/store.mv";

        @AttributeDefinition(description = "Every interval, history is compacted to the revision that was"
                + " current at the previous interval, so at least one interval of history is kept for watches"
                + " and paginated lists. 0 disables compaction.")
        long compactionIntervalSeconds() default 300;

        @AttributeDefinition(description = "Force every write to the disk before acknowledging it, so it"
                + " survives an OS crash or power loss, not just a killed process.")
        boolean syncWrites() default true;
    }

    private MvKeyValueStore store;

    @Activate
    void activate(Config config) {
        if (config.compactionIntervalSeconds() < 0) {
            throw new IllegalArgumentException("compactionIntervalSeconds must be 0 (off) or positive, not "
                    + config.compactionIntervalSeconds());
        }
        MvKeyValueStore.Settings settings = MvKeyValueStore.Settings.defaults()
                .withSyncWrites(config.syncWrites())
                .withCompactionInterval(Duration.ofSeconds(config.compactionIntervalSeconds()));
        store = MvKeyValueStore.open(resolvePath(config.path(), System.getProperty(KARAF_DATA)), settings);
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    /** Replaces {@code ${karaf.data}} in the configured path; without Karaf the data directory is ./data. */
    static Path resolvePath(String configured, String karafData) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("the store path (" + PID + " path) must not be empty");
        }
        String data = karafData == null || karafData.isBlank() ? "./data" : karafData;
        return Path.of(configured.replace("${" + KARAF_DATA + "}", data)).toAbsolutePath().normalize();
    }

    @Override
    public long revision() {
        return store.revision();
    }

    @Override
    public long compactedRevision() {
        return store.compactedRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return store.get(key);
    }

    @Override
    public RangeResult range(RangeRequest request) {
        return store.range(request);
    }

    @Override
    public long count(String prefix) {
        return store.count(prefix);
    }

    @Override
    public TxnResult txn(Txn txn) {
        return store.txn(txn);
    }

    /** @throws CompactedException when {@code fromRevision} was compacted */
    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return store.watch(prefix, fromRevision, listener);
    }

    @Override
    public void compact(long revision) {
        store.compact(revision);
    }
}
