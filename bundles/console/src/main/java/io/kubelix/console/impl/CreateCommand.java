package io.kubelix.console.impl;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "kube", name = "create", description = "Creates the objects of a manifest; existing ones are an error")
@Service
public class CreateCommand extends KubeCommand {
    @Option(name = "-f", aliases = "--filename", description = "The manifest: YAML or JSON, one or more documents",
            required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run(PrintStream out, PrintStream err) {
        ApplyCommand.print(new Manifests(resources).create(Manifests.read(Path.of(file)), namespace), out, err);
    }
}
