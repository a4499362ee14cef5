package io.kubelix.console.impl.completers;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.console.impl.KindResolver;
import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes object names: those that exist now, of the type typed before, in the namespace of -n. */
@Service
public class NameCompleter implements Completer {
    @Reference
    ResourceService resources;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        CommandLineWords words = new CommandLineWords(commandLine.getArguments(), commandLine.getCursorArgumentIndex());
        TreeSet<String> names = new TreeSet<>();
        if (words.type() != null) {
            try {
                ResourceType type = KindResolver.resolve(resources.resourceTypes(), words.type());
                String ns = type.namespaced() ? (words.namespace() != null ? words.namespace() : "default") : null;
                for (JsonObject o : resources.list(type, ns, ListOptions.ALL).items()) {
                    names.add(Objects.name(o));
                }
            } catch (RuntimeException e) {
                // An unknown type or namespace offers nothing; completion must never fail the line.
            }
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
