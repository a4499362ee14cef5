package io.kubelix.console.impl;

import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.console.impl.completers.NameCompleter;
import io.kubelix.console.impl.completers.TypeCompleter;
import io.kubelix.console.impl.render.Description;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "kube", name = "describe", description = "Shows objects in a readable form")
@Service
public class DescribeCommand extends KubeCommand {
    @Argument(index = 0, name = "type", description = "The type, for example pods or deployments", required = true)
    @Completion(TypeCompleter.class)
    String typeName;

    @Argument(index = 1, name = "names", description = "The objects to describe", required = true, multiValued = true)
    @Completion(NameCompleter.class)
    List<String> names;

    @Override
    protected void run(PrintStream out, PrintStream err) {
        ResourceType type = type(typeName);
        String ns = namespaceFor(type);
        boolean first = true;
        for (String name : required(names, "objects to describe, for example kube:describe pod web")) {
            if (!first) {
                out.println();
            }
            first = false;
            try {
                out.print(Description.of(resources.get(type, ns, name, null), Instant.now()));
            } catch (ApiException e) {
                err.println(ErrorMessages.of(e));
            }
        }
    }
}
