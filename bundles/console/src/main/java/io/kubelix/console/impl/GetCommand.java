package io.kubelix.console.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.yaml.Yaml;
import io.kubelix.console.impl.completers.NameCompleter;
import io.kubelix.console.impl.completers.TypeCompleter;
import io.kubelix.console.impl.render.ResourceTable;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "kube", name = "get", description = "Lists objects of a type as a table, or prints them as YAML or JSON")
@Service
public class GetCommand extends KubeCommand {
    @Argument(index = 0, name = "type", description = "The type: plural, singular or short name, or kind (pods, po, Pod, deployments.apps)",
            required = true)
    @Completion(TypeCompleter.class)
    String typeName;

    @Argument(index = 1, name = "names", description = "Only these objects", multiValued = true)
    @Completion(NameCompleter.class)
    List<String> names;

    @Option(name = "-A", aliases = "--all-namespaces", description = "List across all namespaces")
    boolean allNamespaces;

    @Option(name = "-l", aliases = "--selector", description = "Label selector, for example app=web,tier!=db")
    String labelSelector;

    @Option(name = "--field-selector", description = "Field selector, for example metadata.name=web")
    String fieldSelector;

    @Option(name = "-o", aliases = "--output", description = "Output format: wide, yaml, json or name")
    String output;

    @Override
    protected void run(PrintStream out, PrintStream err) {
        String format = output == null ? "" : output;
        if (!List.of("", "wide", "yaml", "json", "name").contains(format)) {
            throw new IllegalArgumentException("unknown output format \"" + output
                    + "\"; the formats are wide, yaml, json and name");
        }
        boolean byName = names != null && !names.isEmpty();
        if (allNamespaces && byName) {
            throw new IllegalArgumentException("a name cannot be given with --all-namespaces: names are looked up in "
                    + "one namespace");
        }
        List<ResourceType> types = new ArrayList<>();
        for (String part : typeName.split(",")) {
            types.add(type(part));
        }
        if (types.size() > 1 && byName) {
            throw new IllegalArgumentException("names can be given with one type only, not with " + typeName);
        }
        List<Section> sections = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ResourceType type : types) {
            sections.add(new Section(type, fetch(type, missing)));
        }
        boolean acrossNamespaces = allNamespaces && types.stream().anyMatch(ResourceType::namespaced);
        print(out, err, sections, acrossNamespaces, format, byName);
        missing.forEach(err::println);
    }

    /** The objects of one type the command selects; names that do not exist are added to {@code missing}. */
    private List<JsonObject> fetch(ResourceType type, List<String> missing) {
        String ns = allNamespaces ? null : namespaceFor(type);
        List<JsonObject> objects = new ArrayList<>();
        if (names != null && !names.isEmpty()) {
            for (String name : names) {
                try {
                    objects.add(withTypeMeta(resources.get(type, ns, name, null), type));
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                    missing.add(ErrorMessages.of(e));
                }
            }
            return objects;
        }
        ListOptions options = new ListOptions(blankToNull(labelSelector), blankToNull(fieldSelector), 0, null,
                null, null, false, 0);
        for (JsonObject o : resources.list(type, ns, options).items()) {
            objects.add(withTypeMeta(o, type));
        }
        return objects;
    }

    private record Section(ResourceType type, List<JsonObject> objects) {
    }

    private void print(PrintStream out, PrintStream err, List<Section> sections, boolean acrossNamespaces,
            String format, boolean byName) {
        List<JsonObject> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.objects()));
        switch (format) {
            case "yaml" -> {
                if (!all.isEmpty() || !byName) {
                    out.print(Yaml.write(single(all, byName)));
                }
            }
            case "json" -> {
                if (!all.isEmpty() || !byName) {
                    out.println(Json.writePretty(single(all, byName)));
                }
            }
            case "name" -> sections.forEach(s -> s.objects()
                    .forEach(o -> out.println(ObjectNames.slashed(s.type(), Objects.name(o)))));
            default -> {
                if (all.isEmpty()) {
                    if (!byName) {
                        boolean namespaced = sections.stream().anyMatch(s -> s.type().namespaced());
                        err.println(allNamespaces || !namespaced ? "No resources found"
                                : "No resources found in " + (namespace != null ? namespace : DEFAULT_NAMESPACE)
                                        + " namespace.");
                    }
                    return;
                }
                boolean first = true;
                for (Section s : sections) {
                    if (s.objects().isEmpty()) {
                        continue;
                    }
                    if (!first) {
                        out.println();
                    }
                    first = false;
                    // With several types, each name says its kind (deployment.apps/web), as kubectl does.
                    String kindPrefix = sections.size() > 1 ? ObjectNames.kind(s.type()) + "/" : "";
                    out.print(ResourceTable.of(s.type(), s.objects(), acrossNamespaces && s.type().namespaced(),
                            "wide".equals(format), kindPrefix, Instant.now()).render());
                }
            }
        }
    }

    /** One object by name prints as itself; anything else as a List, as kubectl does. */
    private static JsonObject single(List<JsonObject> objects, boolean byName) {
        if (byName && objects.size() == 1) {
            return objects.get(0);
        }
        JsonObject list = new JsonObject();
        list.addProperty("apiVersion", "v1");
        list.addProperty("kind", "List");
        JsonArray items = new JsonArray();
        objects.forEach(items::add);
        list.add("items", items);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("resourceVersion", "");
        list.add("metadata", metadata);
        return list;
    }

    private static JsonObject withTypeMeta(JsonObject o, ResourceType type) {
        if (!o.has("apiVersion")) {
            o.addProperty("apiVersion", type.apiVersion());
        }
        if (!o.has("kind")) {
            o.addProperty("kind", type.kind());
        }
        return o;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
