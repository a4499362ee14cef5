package io.kubelix.registry.impl.fields;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code metadata.managedFields}. */
public final class ManagedFields {
    private ManagedFields() {
    }

    /** The entries of an object's managedFields; malformed entries (which only a bug could store) are skipped. */
    public static List<ManagedFieldsEntry> read(JsonObject object) {
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        JsonElement metadata = object.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            return entries;
        }
        JsonElement list = metadata.getAsJsonObject().get("managedFields");
        if (list == null || !list.isJsonArray()) {
            return entries;
        }
        for (JsonElement e : list.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject entry = e.getAsJsonObject();
            String manager = string(entry, "manager");
            String operation = string(entry, "operation");
            JsonElement fields = entry.get("fieldsV1");
            if (manager == null || operation == null) {
                continue;
            }
            FieldSet set;
            try {
                set = fields != null && fields.isJsonObject() ? FieldSet.fromFieldsV1(fields.getAsJsonObject())
                        : FieldSet.EMPTY;
            } catch (IllegalArgumentException ex) {
                continue;
            }
            entries.add(new ManagedFieldsEntry(manager, operation, string(entry, "apiVersion"), string(entry, "time"),
                    set));
        }
        return entries;
    }

    /** Stores {@code entries} (those with an empty field set dropped) as the object's managedFields. */
    public static void write(JsonObject object, List<ManagedFieldsEntry> entries) {
        JsonElement metadata = object.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            metadata = new JsonObject();
            object.add("metadata", metadata);
        }
        JsonArray list = new JsonArray();
        for (ManagedFieldsEntry entry : entries) {
            if (entry.fields().isEmpty()) {
                continue;
            }
            JsonObject e = new JsonObject();
            e.addProperty("manager", entry.manager());
            e.addProperty("operation", entry.operation());
            if (entry.apiVersion() != null) {
                e.addProperty("apiVersion", entry.apiVersion());
            }
            if (entry.time() != null) {
                e.addProperty("time", entry.time());
            }
            e.addProperty("fieldsType", "FieldsV1");
            e.add("fieldsV1", entry.fields().toFieldsV1());
            list.add(e);
        }
        if (list.isEmpty()) {
            metadata.getAsJsonObject().remove("managedFields");
        } else {
            metadata.getAsJsonObject().add("managedFields", list);
        }
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
