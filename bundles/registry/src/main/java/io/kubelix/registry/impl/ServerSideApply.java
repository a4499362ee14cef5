package io.kubelix.registry.impl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.registry.impl.fields.FieldSet;
import io.kubelix.registry.impl.fields.FieldValues;
import io.kubelix.registry.impl.fields.ManagedFields;
import io.kubelix.registry.impl.fields.ManagedFieldsEntry;
import io.kubelix.registry.impl.patch.PatchException;
import io.kubelix.registry.impl.patch.StrategicMergePatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Field ownership: server-side apply (merge the applied configuration, detect conflicts with other
 * managers, remove what the applier stopped applying) and the bookkeeping of ordinary writes, which
 * take ownership of the fields they change.
 */
final class ServerSideApply {
    static final String CONFLICT_CAUSE = "FieldManagerConflict";
    private static final String UNKNOWN_MANAGER = "unknown";

    private ServerSideApply() {
    }

    /** The manager an ordinary write is recorded under. */
    static String updateManager(String fieldManager) {
        return fieldManager == null || fieldManager.isEmpty() ? UNKNOWN_MANAGER : fieldManager;
    }

    /** Rejects what an apply request may not be: without a manager, or carrying managedFields. */
    static void checkApplyRequest(JsonObject applied, String fieldManager) {
        if (fieldManager == null || fieldManager.isEmpty()) {
            throw ApiException.badRequest("fieldManager is required for apply requests: add the query parameter "
                    + "fieldManager=<name> (kubectl apply --server-side sets it)");
        }
        JsonObject metadata = Objects.metadata(applied);
        if (metadata != null && metadata.has("managedFields") && !metadata.get("managedFields").isJsonNull()) {
            throw ApiException.badRequest("metadata.managedFields must be nil in an apply configuration: "
                    + "the server keeps field ownership itself");
        }
    }

    /** Records the creator as owner of every field it set; {@code object} is the body before defaults. */
    static void recordCreate(JsonObject object, String manager, String operation, String apiVersion) {
        FieldSet fields = FieldSet.ofObject(object);
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        entries.add(new ManagedFieldsEntry(manager, operation, apiVersion, MetadataRules.now(), fields));
        ManagedFields.write(object, entries);
    }

    /**
     * Records an ordinary write of {@code next} over {@code current}: the manager takes the fields whose
     * value changed, every other manager loses them, and fields gone from the object are owned by nobody.
     */
    static void recordUpdate(JsonObject current, JsonObject next, String manager, String apiVersion) {
        List<ManagedFieldsEntry> entries = ManagedFields.read(current);
        FieldSet present = FieldSet.ofObject(next);
        java.util.Set<List<String>> changedPaths = new java.util.LinkedHashSet<>();
        for (List<String> path : present.paths()) {
            if (FieldValues.differs(current, next, path)) {
                changedPaths.add(path);
            }
        }
        FieldSet changed = FieldSet.of(changedPaths);
        List<ManagedFieldsEntry> updated = new ArrayList<>();
        boolean mine = false;
        boolean anyChange = false;
        for (ManagedFieldsEntry entry : entries) {
            FieldSet fields = entry.fields();
            if (entry.is(manager, ManagedFieldsEntry.UPDATE)) {
                mine = true;
                fields = fields.union(changed);
            } else {
                fields = fields.minus(changed);
            }
            fields = fields.intersect(present);
            if (fields.equals(entry.fields())) {
                updated.add(entry);
            } else {
                anyChange = true;
                updated.add(new ManagedFieldsEntry(entry.manager(), entry.operation(),
                        entry.is(manager, ManagedFieldsEntry.UPDATE) ? apiVersion : entry.apiVersion(),
                        entry.is(manager, ManagedFieldsEntry.UPDATE) ? MetadataRules.now() : entry.time(), fields));
            }
        }
        if (!mine && !changed.isEmpty()) {
            anyChange = true;
            updated.add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.UPDATE, apiVersion, MetadataRules.now(),
                    changed));
        }
        if (!anyChange) {
            // Nothing moved: keep the stored entries exactly, so an idle write stays a no-op.
            copyManagedFields(current, next);
            return;
        }
        ManagedFields.write(next, updated);
    }

    /**
     * The object after {@code manager} applies {@code applied} to {@code current}: merged as a
     * strategic merge patch, fields the manager applied before but no longer does removed unless
     * someone else owns them, and the managedFields updated. Throws 409 when the configuration changes
     * fields another manager owns, unless {@code force}.
     */
    static JsonObject apply(ResourceType type, JsonObject current, JsonObject applied, String manager,
            boolean force) {
        String name = Objects.name(current);
        FieldSet appliedFields = FieldSet.ofObject(applied);
        List<ManagedFieldsEntry> entries = ManagedFields.read(current);
        FieldSet previous = FieldSet.EMPTY;
        for (ManagedFieldsEntry entry : entries) {
            if (entry.is(manager, ManagedFieldsEntry.APPLY)) {
                previous = entry.fields();
            }
        }
        JsonObject merged;
        try {
            merged = StrategicMergePatch.apply(current, applied);
        } catch (PatchException e) {
            throw new ApiException(422, "Invalid", "the apply configuration could not be merged: " + e.getMessage());
        }

        List<FieldError> conflicts = new ArrayList<>();
        List<String> described = new ArrayList<>();
        List<ManagedFieldsEntry> others = new ArrayList<>();
        for (ManagedFieldsEntry entry : entries) {
            if (entry.is(manager, ManagedFieldsEntry.APPLY)) {
                continue;
            }
            java.util.Set<List<String>> lost = new java.util.LinkedHashSet<>();
            for (List<String> path : appliedFields.paths()) {
                if (entry.fields().contains(path) && changesValue(current, applied, path)) {
                    lost.add(path);
                    String who = "conflict with \"" + entry.manager() + "\""
                            + (entry.apiVersion() == null ? "" : " using " + entry.apiVersion());
                    conflicts.add(new FieldError(CONFLICT_CAUSE, FieldSet.describe(path), who));
                    described.add(who + ": " + FieldSet.describe(path));
                }
            }
            others.add(force ? entry.withFields(entry.fields().minus(FieldSet.of(lost))) : entry);
        }
        if (!conflicts.isEmpty() && !force) {
            String message = "Apply failed with " + conflicts.size() + (conflicts.size() == 1 ? " conflict: "
                    : " conflicts: ") + String.join("\n", described);
            throw new ApiException(409, "Conflict", message, name, type.group(), type.kind(), conflicts, null);
        }

        // Fields this manager stopped applying go, unless another manager still holds them or something below.
        for (List<String> path : previous.minus(appliedFields).paths()) {
            boolean heldElsewhere = false;
            for (ManagedFieldsEntry other : others) {
                if (other.fields().containsWithin(path)) {
                    heldElsewhere = true;
                    break;
                }
            }
            if (!heldElsewhere) {
                FieldValues.remove(merged, path);
            }
        }

        List<ManagedFieldsEntry> result = new ArrayList<>();
        boolean placed = false;
        for (ManagedFieldsEntry entry : entries) {
            if (entry.is(manager, ManagedFieldsEntry.APPLY)) {
                result.add(applyEntry(entry, manager, appliedFields, type));
                placed = true;
            } else {
                result.add(others.remove(0));
            }
        }
        if (!placed) {
            result.add(applyEntry(null, manager, appliedFields, type));
        }
        ManagedFields.write(merged, result);
        return merged;
    }

    private static ManagedFieldsEntry applyEntry(ManagedFieldsEntry old, String manager, FieldSet fields,
            ResourceType type) {
        if (old != null && old.fields().equals(fields) && type.apiVersion().equals(old.apiVersion())) {
            return old;
        }
        return new ManagedFieldsEntry(manager, ManagedFieldsEntry.APPLY, type.apiVersion(), MetadataRules.now(), fields);
    }

    /** An applied value conflicts only where it differs from the live one; list elements themselves never do. */
    private static boolean changesValue(JsonObject live, JsonObject applied, List<String> path) {
        String last = path.get(path.size() - 1);
        if (last.startsWith("k:") || last.startsWith("v:")) {
            return false;
        }
        return !java.util.Objects.equals(FieldValues.valueAt(live, path), FieldValues.valueAt(applied, path));
    }

    static void copyManagedFields(JsonObject from, JsonObject to) {
        JsonElement stored = Objects.metadata(from) == null ? null : Objects.metadata(from).get("managedFields");
        JsonObject metadata = Objects.metadataForWrite(to);
        if (stored == null) {
            metadata.remove("managedFields");
        } else {
            metadata.add("managedFields", stored.deepCopy());
        }
    }
}
