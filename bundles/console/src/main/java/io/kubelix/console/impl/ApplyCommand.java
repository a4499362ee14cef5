package io.kubelix.console.impl;

import io.kubelix.console.impl.Manifests.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.api.action.Completion;

@Command(scope = "kube", name = "apply", description = "Creates the objects of a manifest, or updates those that exist (merge patch)")
@Service
public class ApplyCommand extends KubeCommand {
    @Option(name = "-f", aliases = "--filename", description = "The manifest: YAML or JSON, one or more documents",
            required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run(PrintStream out, PrintStream err) {
        print(new Manifests(resources).apply(Manifests.read(Path.of(file)), namespace), out, err);
    }

    static void print(List<Outcome> outcomes, PrintStream out, PrintStream err) {
        for (Outcome outcome : outcomes) {
            (outcome.error() ? err : out).println(outcome.line());
        }
    }
}
