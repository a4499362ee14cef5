package io.kubelix.console.impl;

import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.console.impl.completers.NameCompleter;
import io.kubelix.console.impl.completers.TypeCompleter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "kube", name = "delete", description = "Deletes objects by type and name, or those of a manifest (-f)")
@Service
public class DeleteCommand extends KubeCommand {
    @Argument(index = 0, name = "type", description = "The type, for example pods (not with -f)")
    @Completion(TypeCompleter.class)
    String typeName;

    @Argument(index = 1, name = "names", description = "The objects to delete", multiValued = true)
    @Completion(NameCompleter.class)
    List<String> names;

    @Option(name = "-f", aliases = "--filename", description = "Delete the objects of this manifest")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run(PrintStream out, PrintStream err) {
        if (file != null) {
            if (typeName != null) {
                throw new IllegalArgumentException("give either -f FILE or TYPE NAME..., not both");
            }
            ApplyCommand.print(new Manifests(resources).delete(Manifests.read(Path.of(file)), namespace), out, err);
            return;
        }
        if (typeName == null || names == null || names.isEmpty()) {
            throw new IllegalArgumentException("say what to delete: kube:delete TYPE NAME... or kube:delete -f FILE");
        }
        ResourceType type = type(typeName);
        for (String name : names) {
            try {
                resources.delete(type, namespaceFor(type), name, DeleteOptions.DEFAULT);
                out.println(ObjectNames.quoted(type, name) + " deleted");
            } catch (ApiException e) {
                err.println(ErrorMessages.of(e));
            }
        }
    }
}
