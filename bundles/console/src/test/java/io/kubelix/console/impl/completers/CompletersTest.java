package io.kubelix.console.impl.completers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.json.Json;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import io.kubelix.registry.impl.ResourceRegistry;
import io.kubelix.store.embedded.impl.MvKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion offers what is served and what exists, read from a real registry. */
class CompletersTest {
    @TempDir
    static Path dir;
    static MvKeyValueStore store;
    static ResourceRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        store = MvKeyValueStore.open(dir.resolve("store.mv"), MvKeyValueStore.Settings.defaults());
        registry = ResourceRegistry.standalone(store, List.of(new BuiltinResourceDefinitions()));
        assertTrue(registry.awaitBootstrap(10_000));
        var namespaces = registry.findType("", "v1", "namespaces").orElseThrow();
        registry.create(namespaces, null, Json.parseObject("{\"metadata\":{\"name\":\"shop\"}}"), WriteOptions.DEFAULT);
        var configMaps = registry.findType("", "v1", "configmaps").orElseThrow();
        for (String name : List.of("web-a", "web-b", "db")) {
            registry.create(configMaps, "shop", Json.parseObject("{\"metadata\":{\"name\":\"" + name + "\"}}"),
                    WriteOptions.DEFAULT);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        registry.deactivate();
        store.close();
    }

    /** The line typed so far, the cursor at its end. */
    static CommandLine line(String... words) {
        String buffer = String.join(" ", words);
        String last = words[words.length - 1];
        return new CommandLine() {
            public int getCursorArgumentIndex() {
                return words.length - 1;
            }

            public String getCursorArgument() {
                return last;
            }

            public int getArgumentPosition() {
                return last.length();
            }

            public String[] getArguments() {
                return words;
            }

            public int getBufferPosition() {
                return buffer.length();
            }

            public String getBuffer() {
                return buffer;
            }
        };
    }

    static List<String> trimmed(List<String> candidates) {
        return candidates.stream().map(String::trim).sorted().toList();
    }

    @Test
    void typesArePluralAndShortNames() {
        TypeCompleter completer = new TypeCompleter();
        completer.resources = registry;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line("kube:get", "de"), candidates);
        assertEquals(List.of("deploy", "deployments"), trimmed(candidates));
        candidates.clear();
        completer.complete(null, line("kube:get", ""), candidates);
        assertTrue(trimmed(candidates).containsAll(List.of("pods", "po", "configmaps", "cm", "namespaces", "ns")));
        assertTrue(candidates.stream().noneMatch(c -> c.contains("/")), candidates.toString());
    }

    @Test
    void namesAreThoseOfTheTypedTypeInTheNamespaceOfDashN() {
        NameCompleter completer = new NameCompleter();
        completer.resources = registry;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line("kube:get", "cm", "-n", "shop", "web"), candidates);
        assertEquals(List.of("web-a", "web-b"), trimmed(candidates));
        candidates.clear();
        // Nothing of that name in "default"; an unknown type offers nothing instead of failing.
        completer.complete(null, line("kube:get", "cm", "web"), candidates);
        assertEquals(List.of(), trimmed(candidates));
        completer.complete(null, line("kube:get", "potatoes", ""), candidates);
        assertEquals(List.of(), trimmed(candidates));
    }

    @Test
    void namespacesAreTheExistingOnes() {
        NamespaceCompleter completer = new NamespaceCompleter();
        completer.resources = registry;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line("kube:get", "pods", "-n", "s"), candidates);
        assertEquals(List.of("shop"), trimmed(candidates));
    }
}
