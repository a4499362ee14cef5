package io.kubelix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a new user meets it before anything is built: a copy of {@code kubelix} in an
 * empty directory. Every command must answer in plain words, never exit silently.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private Result run(String... args) throws Exception {
        Path repo = Path.of(System.getProperty("kubelix.repo", "..")).toAbsolutePath().normalize();
        Path launcher = dir.resolve("kubelix");
        Files.copy(repo.resolve("kubelix"), launcher, StandardCopyOption.REPLACE_EXISTING);
        launcher.toFile().setExecutable(true);
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return Result.run(command, Map.of("KUBELIX_NO_BUILD", "1"), null, Duration.ofSeconds(60));
    }

    @Test
    void upWithoutABuiltDistributionSaysWhatToDo() throws Exception {
        Result up = run("up");
        assertEquals(1, up.code(), up.output());
        assertTrue(up.stderr().contains("no distribution built; run ./kubelix build"), up.output());
    }

    @Test
    void statusAndKubeconfigAnswerBeforeTheFirstStart() throws Exception {
        Result status = run("status");
        assertEquals(3, status.code(), status.output());
        assertTrue(status.stdout().contains("not running"), status.output());
        Result kubeconfig = run("kubeconfig");
        assertEquals(1, kubeconfig.code(), kubeconfig.output());
        assertTrue(kubeconfig.stderr().contains("start Kubelix with ./kubelix up"), kubeconfig.output());
        Result unknown = run("frobnicate");
        assertEquals(1, unknown.code());
        assertTrue(unknown.stderr().contains("unknown command 'frobnicate'"), unknown.output());
    }
}
