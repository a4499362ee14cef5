package io.kubelix.registry.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.validation.MetadataValidation;
import io.kubelix.api.validation.Names;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The metadata rules every kind shares: what the server sets, what clients may not change. */
final class MetadataRules {
    private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int GENERATED_SUFFIX = 5;
    private static final int MAX_GENERATE_NAME_PREFIX = 58;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fields of metadata only the server writes. */
    private static final List<String> SYSTEM_FIELDS = List.of("uid", "creationTimestamp", "resourceVersion",
            "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink");

    private MetadataRules() {
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Picks the name for a new object: its own, or one generated from generateName. */
    static void assignName(JsonObject metadata) {
        String name = Objects.string(metadata, "name");
        String generateName = Objects.string(metadata, "generateName");
        if ((name == null || name.isEmpty()) && generateName != null && !generateName.isEmpty()) {
            String prefix = generateName.length() > MAX_GENERATE_NAME_PREFIX
                    ? generateName.substring(0, MAX_GENERATE_NAME_PREFIX) : generateName;
            StringBuilder b = new StringBuilder(prefix);
            for (int i = 0; i < GENERATED_SUFFIX; i++) {
                b.append(GENERATE_ALPHABET.charAt(RANDOM.nextInt(GENERATE_ALPHABET.length())));
            }
            metadata.addProperty("name", b.toString());
        }
    }

    /** Metadata fields Kubernetes leaves out when empty (omitempty): sent empty, they are not kept. */
    private static final List<String> OMITTED_WHEN_EMPTY = List.of("labels", "annotations", "finalizers",
            "ownerReferences", "managedFields");

    static void dropEmptyCollections(JsonObject metadata) {
        for (String field : OMITTED_WHEN_EMPTY) {
            JsonElement value = metadata.get(field);
            if (value != null && (value.isJsonNull() || (value.isJsonObject() && value.getAsJsonObject().size() == 0)
                    || (value.isJsonArray() && value.getAsJsonArray().isEmpty()))) {
                metadata.remove(field);
            }
        }
    }

    /** Sets what the server owns on a new object, discarding whatever the client sent for it. */
    static void prepareForCreate(JsonObject metadata) {
        dropEmptyCollections(metadata);
        SYSTEM_FIELDS.forEach(metadata::remove);
        metadata.addProperty("uid", UUID.randomUUID().toString());
        metadata.addProperty("creationTimestamp", now());
        metadata.addProperty("generation", 1);
    }

    /** Carries server-owned fields over from the stored object; clients cannot change them by update. */
    static void prepareForUpdate(JsonObject metadata, JsonObject oldMetadata) {
        dropEmptyCollections(metadata);
        for (String field : SYSTEM_FIELDS) {
            if (field.equals("resourceVersion")) {
                continue;
            }
            JsonElement old = oldMetadata.get(field);
            if (old == null) {
                metadata.remove(field);
            } else {
                metadata.add(field, old.deepCopy());
            }
        }
        // generateName is only meaningful at create; keep what was stored.
        copyOrRemove(oldMetadata, metadata, "generateName");
    }

    /** Validates the metadata of an object about to be created or updated. */
    static List<FieldError> validate(JsonObject object, ResourceStrategy strategy, boolean namespaced) {
        List<FieldError> errors = new ArrayList<>();
        JsonObject metadata = Objects.metadata(object);
        if (metadata == null) {
            errors.add(FieldError.required("metadata"));
            return errors;
        }
        String name = Objects.string(metadata, "name");
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError(FieldError.REQUIRED, "metadata.name",
                    "Required value: name or generateName is required"));
        } else {
            for (String problem : strategy.validateName(name)) {
                errors.add(FieldError.invalid("metadata.name", name, problem));
            }
        }
        String generateName = Objects.string(metadata, "generateName");
        if (generateName != null && !generateName.isEmpty() && (name == null || name.isEmpty())) {
            errors.add(FieldError.invalid("metadata.generateName", generateName, "could not generate a name"));
        }
        if (namespaced) {
            String ns = Objects.string(metadata, "namespace");
            if (ns == null || ns.isEmpty()) {
                errors.add(FieldError.required("metadata.namespace"));
            }
        } else if (metadata.has("namespace") && !"".equals(Objects.string(metadata, "namespace"))) {
            errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        checkStringMap(metadata, "labels", errors);
        checkStringMap(metadata, "annotations", errors);
        errors.addAll(MetadataValidation.validateLabels(Objects.labels(object), "metadata.labels"));
        errors.addAll(MetadataValidation.validateAnnotations(Objects.annotations(object), "metadata.annotations"));
        errors.addAll(validateFinalizers(metadata));
        errors.addAll(validateOwnerReferences(metadata));
        return errors;
    }

    /** Checks that fields clients may not change by an update have not changed. */
    static List<FieldError> validateUpdate(JsonObject metadata, JsonObject oldMetadata) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("name", "namespace")) {
            JsonElement now = metadata.get(field);
            JsonElement before = oldMetadata.get(field);
            if (!java.util.Objects.equals(now, before)) {
                errors.add(FieldError.immutable("metadata." + field,
                        now instanceof JsonPrimitive p ? p.getAsString() : String.valueOf(now)));
            }
        }
        return errors;
    }

    private static void checkStringMap(JsonObject metadata, String field, List<FieldError> errors) {
        JsonElement e = metadata.get(field);
        if (e == null || e.isJsonNull()) {
            return;
        }
        if (!e.isJsonObject()) {
            errors.add(FieldError.invalid("metadata." + field, e.toString(), "must be a map of strings"));
            return;
        }
        for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
            if (!(entry.getValue() instanceof JsonPrimitive p && p.isString())) {
                errors.add(FieldError.invalid("metadata." + field + "." + entry.getKey(),
                        entry.getValue().toString(), "must be a string"));
            }
        }
    }

    private static List<FieldError> validateFinalizers(JsonObject metadata) {
        List<FieldError> errors = new ArrayList<>();
        JsonElement e = metadata.get("finalizers");
        if (e == null || e.isJsonNull()) {
            return errors;
        }
        if (!e.isJsonArray()) {
            errors.add(FieldError.invalid("metadata.finalizers", e.toString(), "must be a list of strings"));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        JsonArray list = e.getAsJsonArray();
        for (int i = 0; i < list.size(); i++) {
            String path = "metadata.finalizers[" + i + "]";
            JsonElement f = list.get(i);
            if (!(f instanceof JsonPrimitive p && p.isString())) {
                errors.add(FieldError.invalid(path, f.toString(), "must be a string"));
                continue;
            }
            String value = p.getAsString();
            for (String problem : Names.isQualifiedName(value)) {
                errors.add(FieldError.invalid(path, value, problem));
            }
            if (!seen.add(value)) {
                errors.add(FieldError.duplicate(path, value));
            }
        }
        return errors;
    }

    private static List<FieldError> validateOwnerReferences(JsonObject metadata) {
        List<FieldError> errors = new ArrayList<>();
        JsonElement e = metadata.get("ownerReferences");
        if (e == null || e.isJsonNull()) {
            return errors;
        }
        if (!e.isJsonArray()) {
            errors.add(FieldError.invalid("metadata.ownerReferences", e.toString(), "must be a list"));
            return errors;
        }
        int controllers = 0;
        JsonArray refs = e.getAsJsonArray();
        for (int i = 0; i < refs.size(); i++) {
            String path = "metadata.ownerReferences[" + i + "]";
            if (!refs.get(i).isJsonObject()) {
                errors.add(FieldError.invalid(path, refs.get(i).toString(), "must be an object"));
                continue;
            }
            JsonObject ref = refs.get(i).getAsJsonObject();
            for (String required : List.of("apiVersion", "kind", "name", "uid")) {
                String v = Objects.string(ref, required);
                if (v == null || v.isEmpty()) {
                    errors.add(FieldError.required(path + "." + required));
                }
            }
            JsonElement controller = ref.get("controller");
            if (controller instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean()) {
                controllers++;
            }
        }
        if (controllers > 1) {
            errors.add(FieldError.invalid("metadata.ownerReferences", controllers + " controllers",
                    "Only one reference can have Controller set to true"));
        }
        return errors;
    }

    private static void copyOrRemove(JsonObject from, JsonObject to, String field) {
        JsonElement e = from.get(field);
        if (e == null) {
            to.remove(field);
        } else {
            to.add(field, e.deepCopy());
        }
    }

    static boolean hasFinalizers(JsonObject object) {
        JsonObject metadata = Objects.metadata(object);
        JsonElement f = metadata == null ? null : metadata.get("finalizers");
        return f != null && f.isJsonArray() && f.getAsJsonArray().size() > 0;
    }

    static boolean isBeingDeleted(JsonObject object) {
        JsonObject metadata = Objects.metadata(object);
        return metadata != null && metadata.has("deletionTimestamp")
                && !metadata.get("deletionTimestamp").isJsonNull();
    }
}
