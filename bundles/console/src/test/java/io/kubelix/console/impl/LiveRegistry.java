package io.kubelix.console.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import io.kubelix.registry.impl.ResourceRegistry;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.nio.file.Path;
import java.util.List;

/** A real ResourceService (registry, embedded store, built-in kinds) in a temporary directory. */
final class LiveRegistry implements AutoCloseable {
    final MvKeyValueStore store;
    final ResourceRegistry registry;

    LiveRegistry(Path dir) throws Exception {
        store = MvKeyValueStore.open(dir.resolve("store.mv"), MvKeyValueStore.Settings.defaults());
        registry = ResourceRegistry.standalone(store, List.of(new BuiltinResourceDefinitions()));
        assertTrue(registry.awaitBootstrap(10_000), "the registry did not bootstrap");
    }

    @Override
    public void close() throws Exception {
        registry.deactivate();
        store.close();
    }
}
