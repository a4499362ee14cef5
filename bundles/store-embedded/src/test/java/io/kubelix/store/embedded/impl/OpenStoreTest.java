package io.kubelix.store.embedded.impl;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that each get a fresh store in a temporary directory, closed after the test. */
abstract class OpenStoreTest {
    @TempDir
    Path dir;
    MvKeyValueStore store;

    @BeforeEach
    void openStore() {
        store = StoreTestSupport.open(dir.resolve("store.mv"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
