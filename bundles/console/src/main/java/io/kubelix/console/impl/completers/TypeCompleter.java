package io.kubelix.console.impl.completers;

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

/** Completes a type: the plural and short names of every served type. */
@Service
public class TypeCompleter implements Completer {
    @Reference
    ResourceService resources;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> names = new TreeSet<>();
        for (ResourceType t : KindResolver.topLevel(resources.resourceTypes())) {
            names.add(t.plural());
            names.addAll(t.shortNames());
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
