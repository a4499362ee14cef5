package io.kubelix.console.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.DeleteOptions;
import io.kubelix.api.resource.PatchType;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.resource.WriteOptions;
import io.kubelix.api.yaml.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, applies and deletes the objects of a manifest, one after the other, as kubectl does:
 * a failing object is reported and the rest still go ahead.
 */
public final class Manifests {
    /** Who the console's writes are recorded as, in managedFields. */
    static final String FIELD_MANAGER = "kubelix-console";

    /** One object's outcome: the line to print, and whether it is an error. */
    public record Outcome(String line, boolean error) {
        static Outcome ok(String line) {
            return new Outcome(line, false);
        }

        static Outcome failed(String line) {
            return new Outcome(line, true);
        }
    }

    private final ResourceService resources;

    public Manifests(ResourceService resources) {
        this.resources = resources;
    }

    /** Reads a manifest file: YAML or JSON, several documents, {@code kind: List} expanded. */
    public static List<JsonObject> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the file " + file + " does not exist (the console reads files on the "
                    + "Kubelix host; relative paths start at " + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Yaml.readObjects(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the file " + file + " is not a valid manifest: " + e.getMessage());
        }
    }

    /**
     * Creates the objects that do not exist yet; merge-patches the others with the manifest.
     *
     * @param namespace the -n option, or null when not given (then "default" for objects without one)
     */
    public List<Outcome> apply(List<JsonObject> objects, String namespace) {
        return each(objects, namespace, false, (type, ns, name, object) -> {
            JsonObject current;
            try {
                current = resources.get(type, ns, name, null);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
                resources.create(type, ns, object, WriteOptions.manager(FIELD_MANAGER));
                return ObjectNames.slashed(type, name) + " created";
            }
            JsonObject patch = object.deepCopy();
            // The manifest's resourceVersion (if any) would make the patch conditional on it.
            Objects.metadataForWrite(patch).remove("resourceVersion");
            JsonObject patched = resources.patch(type, ns, name, null, PatchType.MERGE_PATCH, Json.write(patch),
                    WriteOptions.manager(FIELD_MANAGER));
            // The store keeps the revision of a write that changes nothing.
            boolean changed = !java.util.Objects.equals(Objects.resourceVersion(current),
                    Objects.resourceVersion(patched));
            return ObjectNames.slashed(type, name) + (changed ? " configured" : " unchanged");
        });
    }

    public List<Outcome> create(List<JsonObject> objects, String namespace) {
        return each(objects, namespace, true, (type, ns, name, object) -> {
            JsonObject created = resources.create(type, ns, object, WriteOptions.manager(FIELD_MANAGER));
            return ObjectNames.slashed(type, Objects.name(created)) + " created";
        });
    }

    public List<Outcome> delete(List<JsonObject> objects, String namespace) {
        return each(objects, namespace, false, (type, ns, name, object) -> {
            resources.delete(type, ns, name, DeleteOptions.DEFAULT);
            return ObjectNames.quoted(type, name) + " deleted";
        });
    }

    @FunctionalInterface
    private interface Step {
        String run(ResourceType type, String namespace, String name, JsonObject object);
    }

    /** @param generatedNames whether an object may have metadata.generateName instead of a name (create only) */
    private List<Outcome> each(List<JsonObject> objects, String namespaceOption, boolean generatedNames, Step step) {
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonObject object : objects) {
            try {
                ResourceType type = typeOf(object);
                String name = Objects.name(object);
                boolean generated = Objects.string(Objects.metadata(object), "generateName") != null;
                if ((name == null || name.isEmpty()) && !(generated && generatedNames)) {
                    throw new IllegalArgumentException("a " + type.kind() + " in the manifest has no metadata.name");
                }
                String namespace = null;
                if (type.namespaced()) {
                    namespace = namespaceOf(object, namespaceOption);
                    Objects.metadataForWrite(object).addProperty("namespace", namespace);
                }
                outcomes.add(Outcome.ok(step.run(type, namespace, name, object)));
            } catch (ApiException e) {
                outcomes.add(Outcome.failed(ErrorMessages.of(e)));
            } catch (IllegalArgumentException e) {
                outcomes.add(Outcome.failed(ErrorMessages.of(e)));
            }
        }
        return outcomes;
    }

    private ResourceType typeOf(JsonObject object) {
        String apiVersion = Objects.apiVersion(object);
        String kind = Objects.kind(object);
        if (apiVersion == null || apiVersion.isEmpty() || kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("an object in the manifest has no apiVersion or kind; every object "
                    + "needs both, for example apiVersion: v1 and kind: ConfigMap");
        }
        return resources.findTypeByKind(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
                "no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"; is that kind installed?"));
    }

    private static String namespaceOf(JsonObject object, String namespaceOption) {
        String inObject = Objects.namespace(object);
        if (inObject != null && !inObject.isEmpty()) {
            if (namespaceOption != null && !namespaceOption.equals(inObject)) {
                throw new IllegalArgumentException("the namespace from the provided object \"" + inObject
                        + "\" does not match the namespace \"" + namespaceOption + "\"; pass --namespace="
                        + inObject + " or remove the namespace from the manifest");
            }
            return inObject;
        }
        return namespaceOption != null ? namespaceOption : "default";
    }
}
