package io.kubelix.itests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.itests.KubelixInstance;
import io.kubelix.itests.Result;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Python client, as Debian packages it (python3-kubernetes, installed by
 * {@code ./kubelix setup}), runs {@code clients/python_scenario.py} against a running Kubelix:
 * CRUD, the three patch types, field and label selectors, watch, the Deployment scale subresource
 * and the error codes. The script prints one line per step; a failing step says what came back.
 */
class PythonClientIT {
    /** Debian's interpreter: a python3 earlier on PATH (pyenv and the like) does not see the Debian package. */
    static final String PYTHON = "/usr/bin/python3";

    static final List<String> STEPS = List.of(
            "version",
            "create namespace",
            "create configmaps",
            "read configmap",
            "list with label_selector",
            "list with field_selector",
            "patch configmap (strategic merge)",
            "patch configmap (merge)",
            "patch configmap (json patch)",
            "replace configmap",
            "create and read secret",
            "watch configmaps",
            "deployment scale",
            "errors 404 409 422",
            "delete");

    private static KubelixInstance kubelix;

    @BeforeAll
    static void start() throws Exception {
        Result probe = Result.run(List.of(PYTHON, "-c", "import kubernetes; print(kubernetes.__version__)"),
                Map.of(), null, Duration.ofSeconds(30));
        assertEquals(0, probe.code(), "the Debian package python3-kubernetes is missing for " + PYTHON
                + " (./kubelix setup installs it):\n" + probe.describe());
        kubelix = KubelixInstance.shared();
    }

    @Test
    void scenarioPassesEveryStep() throws Exception {
        URL resource = PythonClientIT.class.getResource("/clients/python_scenario.py");
        assertTrue(resource != null, "clients/python_scenario.py is not on the test classpath");
        Path script = Path.of(resource.toURI());
        assertTrue(Files.isRegularFile(script), script.toString());

        Result r = Result.run(List.of(PYTHON, script.toString(), kubelix.kubeconfig().toString(), "python-client"),
                // No user site packages or PYTHONPATH from the caller's environment in front of Debian's.
                Map.of("PYTHONNOUSERSITE", "1", "PYTHONPATH", ""), null, Duration.ofSeconds(60));

        List<String> passed = Arrays.stream(r.stdout().split("\n")).map(String::strip)
                .filter(line -> line.startsWith("ok: ")).map(line -> line.substring(4)).collect(Collectors.toList());
        assertEquals(STEPS, passed, "steps the Python client passed\n" + r.describe()
                + "\nserver log:\n" + kubelix.logTail());
        assertEquals(0, r.code(), "the Python scenario exit code\n" + r.describe());
    }
}
