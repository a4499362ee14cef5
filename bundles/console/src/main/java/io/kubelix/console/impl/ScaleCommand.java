package io.kubelix.console.impl;

import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.console.impl.completers.NameCompleter;
import io.kubelix.console.impl.completers.TypeCompleter;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "kube", name = "scale", description = "Sets the number of replicas through the scale subresource")
@Service
public class ScaleCommand extends KubeCommand {
    @Argument(index = 0, name = "type", description = "A scalable type, for example deployments", required = true)
    @Completion(TypeCompleter.class)
    String typeName;

    @Argument(index = 1, name = "names", description = "The objects to scale", required = true, multiValued = true)
    @Completion(NameCompleter.class)
    List<String> names;

    @Option(name = "--replicas", description = "The new number of replicas (required)")
    String replicas;

    @Override
    protected void run(PrintStream out, PrintStream err) {
        if (replicas == null) {
            throw new IllegalArgumentException("say how many replicas: --replicas=N");
        }
        int count;
        try {
            count = Integer.parseInt(replicas.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--replicas must be a whole number, not \"" + replicas + "\"");
        }
        if (count < 0) {
            throw new IllegalArgumentException("--replicas must be 0 or more, not " + count);
        }
        ResourceType type = type(typeName);
        if (!type.hasSubresource("scale")) {
            throw new IllegalArgumentException(type.qualifiedPlural() + " cannot be scaled (no scale subresource)");
        }
        String patch = "{\"spec\":{\"replicas\":" + count + "}}";
        for (String name : required(names, "objects to scale, for example kube:scale deployment web --replicas=3")) {
            try {
                resources.patch(type, namespaceFor(type), name, "scale", PatchType.MERGE_PATCH, patch,
                        WriteOptions.manager(Manifests.FIELD_MANAGER));
                out.println(ObjectNames.slashed(type, name) + " scaled");
            } catch (io.kubelix.api.resource.ApiException e) {
                err.println(ErrorMessages.of(e));
            }
        }
    }
}
