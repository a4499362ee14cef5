package io.kubelix.console.impl;

import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.console.impl.completers.NamespaceCompleter;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.annotation.bundle.Header;

/**
 * What every {@code kube:} command shares: the in-process {@link ResourceService} (so writes get the
 * same defaulting, validation and admission as over REST), the namespace option, and failures
 * printed in plain words instead of a stack trace.
 */
// Karaf scans this bundle for @Service actions and completers.
@Header(name = "Karaf-Commands", value = "*")
public abstract class KubeCommand implements Action {
    static final String DEFAULT_NAMESPACE = "default";

    @Reference
    protected ResourceService resources;

    @Option(name = "-n", aliases = "--namespace", description = "The namespace (default: default)")
    @Completion(NamespaceCompleter.class)
    protected String namespace;

    @Override
    public final Object execute() {
        // Karaf binds System.out to the session running the command; its System.err does not reach an
        // ssh client in batch mode (./kubelix kube:...), so errors go to the same stream as the output.
        execute(System.out, System.out);
        return null;
    }

    /** Runs the command; a failure is printed in plain words on {@code err}. Returns whether it succeeded. */
    boolean execute(PrintStream out, PrintStream err) {
        try {
            TrailingOptions.apply(this);
            run(out, err);
            return true;
        } catch (ApiException e) {
            err.println(ErrorMessages.of(e));
        } catch (IllegalArgumentException e) {
            err.println(ErrorMessages.of(e));
        }
        return false;
    }

    protected abstract void run(PrintStream out, PrintStream err);

    protected ResourceType type(String name) {
        return KindResolver.resolve(resources.resourceTypes(), name);
    }

    /** The names given, or a plain error saying they are missing. */
    protected static List<String> required(List<String> names, String what) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("name the " + what);
        }
        return names;
    }

    /** The namespace to work in for this type: null for cluster-scoped types. */
    protected String namespaceFor(ResourceType type) {
        return type.namespaced() ? (namespace != null ? namespace : DEFAULT_NAMESPACE) : null;
    }
}
