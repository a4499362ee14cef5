package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kube:} console commands of the real distribution, run as a user runs them:
 * {@code ./kubelix kube:get ns} through Karaf's ssh client. Each call takes a few seconds.
 */
class ConsoleIT {
    static final String NS = "console-it";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static KubelixInstance kubelix;
    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        kubelix = KubelixInstance.shared();
    }

    static Result console(String... command) throws Exception {
        return kubelix.launcher(TIMEOUT, command);
    }

    @Test
    void getNamespacesListsDefaultAndKubeSystem() throws Exception {
        Result r = console("kube:get", "ns");
        assertEquals(0, r.code(), r.describe());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("NAME ") && l.contains("STATUS") && l.contains("AGE")),
                r.describe());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("default +Active +\\S+")), r.describe());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("kube-system +Active +\\S+")), r.describe());
    }

    @Test
    void applyCreatesWhatKubectlThenSeesAndAgainSaysUnchanged() throws Exception {
        Path manifest = files.resolve("console-apply.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: from-console
                  namespace: %s
                data:
                  greeting: hello
                """.formatted(NS, NS));
        Result applied = console("kube:apply", "-f", manifest.toAbsolutePath().toString());
        assertTrue(applied.stdout().contains("configmap/from-console created"), applied.describe());

        Result seen = kubelix.kubectl("get", "cm", "from-console", "-n", NS, "-o", "jsonpath={.data.greeting}");
        assertEquals(0, seen.code(), seen.describe());
        assertEquals("hello", seen.stdout().trim(), seen.describe());

        Result again = console("kube:apply", "-f", manifest.toAbsolutePath().toString());
        assertTrue(again.stdout().contains("configmap/from-console unchanged"), again.describe());

        // Options after the arguments, as a kubectl user writes them.
        Result listed = console("kube:get", "cm", "-n", NS);
        assertTrue(listed.stdout().lines().anyMatch(l -> l.matches("from-console +1 +\\S+")), listed.describe());
    }

    @Test
    void aMissingObjectIsAPlainWordsError() throws Exception {
        Result r = console("kube:get", "pods", "no-such-pod");
        assertTrue(r.output().contains("Error: pods \"no-such-pod\" not found"), r.describe());
        assertFalse(r.output().contains("Exception"), r.describe());
        assertFalse(r.output().contains("\tat "), r.describe());
    }
}
