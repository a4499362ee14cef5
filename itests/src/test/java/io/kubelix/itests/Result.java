package io.kubelix.itests;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What a finished command printed and returned. */
public record Result(int code, String stdout, String stderr) {

    public String output() {
        return stdout + stderr;
    }

    /** For assertion messages: the exit code and everything printed. */
    public String describe() {
        return "exit " + code + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr + "---";
    }

    /** Runs a command to completion (or kills it at the timeout, then fails). */
    public static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command) + "\nstdout: "
                    + new String(out.getNow(new byte[0]), StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
