package io.kubelix.console.impl.completers;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ResourceService;
import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the value of -n with the namespaces that exist. */
@Service
public class NamespaceCompleter implements Completer {
    @Reference
    ResourceService resources;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> names = new TreeSet<>();
        resources.findType("", "v1", "namespaces").ifPresent(type -> {
            for (JsonObject o : resources.list(type, null, ListOptions.ALL).items()) {
                names.add(Objects.name(o));
            }
        });
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
