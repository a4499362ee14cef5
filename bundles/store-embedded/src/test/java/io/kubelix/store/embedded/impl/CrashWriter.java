package io.kubelix.store.embedded.impl;

import io.kubelix.api.store.Op;
import io.kubelix.api.store.Txn;
import io.kubelix.api.store.TxnResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The child process of {@link PersistenceTest#everyAcknowledgedWriteSurvivesAKill9}: writes until it is
 * killed, from two threads, each transaction putting two keys, and prints "ACK i revision" for every
 * transaction once {@code txn} has returned. Arguments: the store file and the first i (so that runs on the
 * same file write keys of their own).
 */
public final class CrashWriter {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        MvKeyValueStore store = MvKeyValueStore.open(file, MvKeyValueStore.Settings.defaults()
                .withCompactionInterval(Duration.ZERO));
        out.println("OPEN " + store.revision());
        out.flush();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            new Thread(() -> {
                byte[] padding = "x".repeat(1_000).getBytes(StandardCharsets.UTF_8);
                for (int i = first + thread; ; i += 2) {
                    TxnResult result = store.txn(new Txn(List.of(), List.of(
                            Op.put("/crash/a/" + i, (i + ":" + new String(padding, StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8)),
                            Op.put("/crash/b/" + i, Integer.toString(i).getBytes(StandardCharsets.UTF_8))),
                            List.of()));
                    synchronized (out) {
                        out.println("ACK " + i + " " + result.revision());
                        out.flush();
                    }
                }
            }).start();
        }
    }

    private CrashWriter() {
    }
}
