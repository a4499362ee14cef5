package io.kubelix.console.impl;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code KEY=VALUE} and {@code KEY-} arguments of {@code kube:label} and {@code kube:annotate}:
 * what to set and what to remove.
 */
public record MetadataEdit(Map<String, String> set, List<String> remove) {

    public MetadataEdit {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    /** Whether an argument is an edit rather than an object name. */
    public static boolean isEdit(String argument) {
        return argument.contains("=") || (argument.endsWith("-") && argument.length() > 1);
    }

    /**
     * @param what "label" or "annotation", for the messages
     * @throws IllegalArgumentException for an empty key, or a key both set and removed
     */
    public static MetadataEdit parse(List<String> arguments, String what) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq >= 0) {
                String key = argument.substring(0, eq);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("invalid " + what + " \"" + argument
                            + "\": the key is empty; use KEY=VALUE to set or KEY- to remove");
                }
                set.put(key, argument.substring(eq + 1));
            } else if (argument.endsWith("-") && argument.length() > 1) {
                remove.add(argument.substring(0, argument.length() - 1));
            } else {
                throw new IllegalArgumentException("invalid " + what + " \"" + argument
                        + "\"; use KEY=VALUE to set or KEY- to remove");
            }
        }
        for (String key : remove) {
            if (set.containsKey(key)) {
                throw new IllegalArgumentException("can not both modify and remove the " + what + " \"" + key
                        + "\" in the same command");
            }
        }
        if (set.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " update is required, as KEY=VALUE or KEY-");
        }
        return new MetadataEdit(set, remove);
    }

    /**
     * The keys this edit would change to a different value while they already have one: without
     * --overwrite these are refused, as kubectl does.
     */
    public List<String> conflicts(Map<String, String> current) {
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, String> e : set.entrySet()) {
            String old = current.get(e.getKey());
            if (old != null && !old.equals(e.getValue())) {
                conflicts.add(e.getKey());
            }
        }
        return conflicts;
    }

    /** A JSON merge patch of {@code metadata.<field>} (labels or annotations) doing this edit. */
    public String mergePatch(String field) {
        JsonObject values = new JsonObject();
        set.forEach(values::addProperty);
        for (String key : remove) {
            values.add(key, JsonNull.INSTANCE);
        }
        JsonObject metadata = new JsonObject();
        metadata.add(field, values);
        JsonObject patch = new JsonObject();
        patch.add("metadata", metadata);
        // A removal is a null in a merge patch, and Gson leaves nulls out unless told otherwise.
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(patch);
    }
}
