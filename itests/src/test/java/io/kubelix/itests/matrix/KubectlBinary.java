package io.kubelix.itests.matrix;

import io.kubelix.itests.KubelixInstance;
import io.kubelix.itests.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One particular kubectl binary (such as {@code kubectl.1.28}) pointed at a Kubelix instance, so one
 * test can run against several kubectl versions. The versioned binaries are the ones installed next
 * to the gcloud kubectl dispatcher; {@code -Dkubelix.it.kubectlDir} names another directory.
 */
public final class KubectlBinary {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String minorVersion;
    private final Path binary;
    private final KubelixInstance instance;

    private KubectlBinary(String minorVersion, Path binary, KubelixInstance instance) {
        this.minorVersion = minorVersion;
        this.binary = binary;
        this.instance = instance;
    }

    /** kubectl {@code 1.<minor>} ("1.28", "1.32") against the instance; fails when that binary is not installed. */
    public static KubectlBinary of(String version, KubelixInstance instance) throws IOException {
        Path dir = binaryDirectory();
        Path binary = dir.resolve("kubectl." + version);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no kubectl " + version + " at " + binary
                    + "; install the versioned kubectl binaries or point -Dkubelix.it.kubectlDir at them");
        }
        return new KubectlBinary(version, binary, instance);
    }

    private static Path binaryDirectory() throws IOException {
        String configured = System.getProperty("kubelix.it.kubectlDir");
        if (configured != null) {
            return Path.of(configured);
        }
        // /usr/bin/kubectl is the dispatcher; the kubectl.1.NN binaries sit in its real directory.
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath().getParent();
            }
        }
        return Path.of("/usr/lib/google-cloud-sdk/bin");
    }

    public String version() {
        return minorVersion;
    }

    /** kubectl 1.27 and 1.28 validate apply/create -f/replace/edit against /openapi/v2 (protobuf), which is not served. */
    public boolean needsOpenApiV2ForValidation() {
        return minorVersion.equals("1.27") || minorVersion.equals("1.28");
    }

    /** The flags a validated write (apply, create -f, replace, edit) needs with this version. */
    public List<String> validateFlags() {
        return needsOpenApiV2ForValidation() ? List.of("--validate=false") : List.of();
    }

    public Result run(String... args) throws Exception {
        return Result.run(command(args), Map.of(), null, TIMEOUT);
    }

    public Result runWithInput(String stdin, String... args) throws Exception {
        return Result.run(command(args), Map.of(), stdin, TIMEOUT);
    }

    public Result runWithEnvironment(Map<String, String> environment, String... args) throws Exception {
        return Result.run(command(args), environment, null, TIMEOUT);
    }

    /** Starts kubectl without waiting (for -w and wait); the caller stops it. */
    public Process start(String... args) throws IOException {
        return new ProcessBuilder(command(args)).start();
    }

    public List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig=" + instance.kubeconfig());
        // One discovery cache per version and instance: versions cache differently, ports get reused.
        command.add("--cache-dir=" + instance.home().resolve("kubectl-cache-" + minorVersion));
        command.addAll(Arrays.asList(args));
        return command;
    }

    @Override
    public String toString() {
        return "kubectl " + minorVersion;
    }
}
