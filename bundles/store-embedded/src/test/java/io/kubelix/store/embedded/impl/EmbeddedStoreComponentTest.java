package io.kubelix.store.embedded.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.store.Compare;
import io.kubelix.api.store.Op;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.Txn;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreComponentTest {
    @TempDir
    Path dir;

    @Test
    void thePathResolvesKarafDataOrFallsBackToDotData() {
        assertEquals(Path.of("/opt/kubelix/data/kubelix/store.mv"),
                EmbeddedStoreComponent.resolvePath("${karaf.data}/kubelix/store.mv", "/opt/kubelix/data"));
        assertEquals(Path.of("data/kubelix/store.mv").toAbsolutePath(),
                EmbeddedStoreComponent.resolvePath("${karaf.data}/kubelix/store.mv", null));
        assertEquals(Path.of("/var/lib/store.mv"),
                EmbeddedStoreComponent.resolvePath("/var/lib/store.mv", "/ignored"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedStoreComponent.resolvePath(" ", "/x"));
    }

    @Test
    void theComponentOpensTheConfiguredFileAndClosesItOnDeactivate() {
        Path file = dir.resolve("kubelix/store.mv");
        EmbeddedStoreComponent component = new EmbeddedStoreComponent();
        component.activate(config(file.toString(), 300, true));
        component.txn(Txn.when(Compare.absent("/a"), Op.put("/a", StoreTestSupport.bytes("1")), null));
        assertEquals(1, component.revision());
        assertEquals(1, component.range(RangeRequest.prefix("/")).kvs().size());
        component.deactivate();
        assertTrue(Files.exists(file));

        EmbeddedStoreComponent again = new EmbeddedStoreComponent();
        again.activate(config(file.toString(), 0, false));
        assertEquals(1, again.revision(), "the file was closed, so it opens again with its data");
        again.deactivate();
    }

    @Test
    void aNegativeCompactionIntervalIsRefused() {
        EmbeddedStoreComponent component = new EmbeddedStoreComponent();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> component.activate(config(dir.resolve("s.mv").toString(), -1, true)));
        assertTrue(e.getMessage().contains("compactionIntervalSeconds"), e.getMessage());
    }

    private static EmbeddedStoreComponent.Config config(String path, long interval, boolean sync) {
        return new EmbeddedStoreComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmbeddedStoreComponent.Config.class;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public long compactionIntervalSeconds() {
                return interval;
            }

            @Override
            public boolean syncWrites() {
                return sync;
            }
        };
    }
}
