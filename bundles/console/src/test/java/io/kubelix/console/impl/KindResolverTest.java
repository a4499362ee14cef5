package io.kubelix.console.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.resource.ResourceType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindResolverTest {
    @TempDir
    static Path dir;
    static LiveRegistry live;
    static List<ResourceType> served;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveRegistry(dir);
        served = live.registry.resourceTypes();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    private static String resolved(String name) {
        ResourceType t = KindResolver.resolve(served, name);
        return t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
    }

    @Test
    void pluralSingularShortNameAndKindAllNameTheSameType() {
        for (String name : List.of("pods", "pod", "po", "Pod", "PODS", "Po", "pods.v1.")) {
            if (name.endsWith(".")) {
                assertThrows(IllegalArgumentException.class, () -> KindResolver.resolve(served, name));
                continue;
            }
            assertEquals("pods", resolved(name), name);
        }
        for (String name : List.of("deployments", "deployment", "deploy", "Deployment", "deployments.apps",
                "deploy.apps", "Deployment.apps", "deployments.v1.apps")) {
            assertEquals("deployments.apps", resolved(name), name);
        }
        assertEquals("namespaces", resolved("ns"));
        assertEquals("configmaps", resolved("cm"));
        assertEquals("services", resolved("svc"));
    }

    @Test
    void theCoreGroupWinsWhenSeveralGroupsServeTheName() {
        // Events are served by the core group and by events.k8s.io.
        boolean twoGroups = served.stream().filter(t -> t.plural().equals("events")).count() > 1;
        assertEquals("events", resolved("events"));
        if (twoGroups) {
            assertEquals("events.events.k8s.io", resolved("events.events.k8s.io"));
        }
    }

    @Test
    void anUnknownTypeIsAPlainError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KindResolver.resolve(served, "potatoes"));
        assertEquals("the server doesn't have a resource type \"potatoes\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KindResolver.resolve(served, "deployments.batch"));
    }

    @Test
    void subresourcesAreNotOfferedAsTypes() {
        assertTrue(KindResolver.topLevel(served).stream().noneMatch(t -> t.plural().contains("/")));
    }
}
