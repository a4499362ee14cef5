package io.kubelix.console.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.console.impl.completers.NameCompleter;
import io.kubelix.console.impl.completers.TypeCompleter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;

/** kube:label and kube:annotate: the same edit on two maps of metadata. */
public abstract class MetadataEditCommand extends KubeCommand {
    @Argument(index = 0, name = "type", description = "The type, for example pods", required = true)
    @Completion(TypeCompleter.class)
    String typeName;

    @Argument(index = 1, name = "arguments", description = "Object names, then KEY=VALUE to set and KEY- to remove",
            required = true, multiValued = true)
    @Completion(NameCompleter.class)
    List<String> arguments;

    @Option(name = "--overwrite", description = "Allow replacing a value that is already set")
    boolean overwrite;

    /** "labels" or "annotations". */
    protected abstract String field();

    /** "label" or "annotation". */
    protected abstract String noun();

    /** "labeled" or "annotated". */
    protected abstract String verbPast();

    @Override
    protected void run(PrintStream out, PrintStream err) {
        List<String> objectNames = new ArrayList<>();
        List<String> edits = new ArrayList<>();
        for (String argument : required(arguments, "objects and the " + noun() + "s, for example app=web")) {
            (MetadataEdit.isEdit(argument) ? edits : objectNames).add(argument);
        }
        if (objectNames.isEmpty()) {
            throw new IllegalArgumentException("name at least one object before the " + noun() + "s");
        }
        MetadataEdit edit = MetadataEdit.parse(edits, noun());
        ResourceType type = type(typeName);
        String ns = namespaceFor(type);
        for (String name : objectNames) {
            try {
                out.println(edit(type, ns, name, edit));
            } catch (ApiException e) {
                err.println(ErrorMessages.of(e));
            } catch (IllegalArgumentException e) {
                err.println(ErrorMessages.of(e));
            }
        }
    }

    private String edit(ResourceType type, String ns, String name, MetadataEdit edit) {
        JsonObject current = resources.get(type, ns, name, null);
        Map<String, String> values = "labels".equals(field()) ? Objects.labels(current) : Objects.annotations(current);
        List<String> conflicts = edit.conflicts(values);
        if (!overwrite && !conflicts.isEmpty()) {
            String key = conflicts.get(0);
            throw new IllegalArgumentException("'" + key + "' already has a value (" + values.get(key)
                    + "), and --overwrite is false");
        }
        JsonObject patched = resources.patch(type, ns, name, null, PatchType.MERGE_PATCH, edit.mergePatch(field()),
                WriteOptions.manager(Manifests.FIELD_MANAGER));
        boolean changed = !java.util.Objects.equals(Objects.resourceVersion(current), Objects.resourceVersion(patched));
        return ObjectNames.slashed(type, name) + (changed ? " " : " not ") + verbPast();
    }
}
