package io.kubelix.apiserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.kinds.builtin.impl.BuiltinResourceDefinitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Printing one object of a served kind and reading the table back by column name. */
final class Tables {
    private Tables() {
    }

    static List<ResourceType> servedTypes() {
        List<ResourceType> types = new ArrayList<>();
        for (ResourceDefinition d : new BuiltinResourceDefinitions().definitions()) {
            types.add(d.type());
        }
        return types;
    }

    static ResourceType type(String group, String version, String plural) {
        return servedTypes().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst().orElseThrow(() -> new AssertionError("not served: " + group + "/" + version + " " + plural));
    }

    static JsonObject print(ResourceType type, String objectJson) {
        return TablePrinter.table(type, List.of(Json.parseObject(objectJson)), "42", null);
    }

    static JsonObject print(String group, String version, String plural, String objectJson) {
        return print(type(group, version, plural), objectJson);
    }

    static List<String> headers(JsonObject table) {
        List<String> names = new ArrayList<>();
        table.getAsJsonArray("columnDefinitions").forEach(d -> names.add(d.getAsJsonObject().get("name").getAsString()));
        return names;
    }

    /** The columns only {@code kubectl get -o wide} shows. */
    static List<String> wideHeaders(JsonObject table) {
        List<String> names = new ArrayList<>();
        table.getAsJsonArray("columnDefinitions").forEach(d -> {
            if (d.getAsJsonObject().get("priority").getAsInt() > 0) {
                names.add(d.getAsJsonObject().get("name").getAsString());
            }
        });
        return names;
    }

    static JsonObject definition(JsonObject table, String column) {
        for (JsonElement d : table.getAsJsonArray("columnDefinitions")) {
            if (d.getAsJsonObject().get("name").getAsString().equals(column)) {
                return d.getAsJsonObject();
            }
        }
        throw new AssertionError("no column " + column + " in " + headers(table));
    }

    static JsonElement cell(JsonObject table, String column) {
        int index = headers(table).indexOf(column);
        assertNotEquals(-1, index, "no column " + column + " in " + headers(table));
        return table.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonArray("cells").get(index);
    }

    static String text(JsonObject table, String column) {
        return cell(table, column).getAsString();
    }

    static void assertCell(Object expected, JsonObject table, String column) {
        JsonElement actual = cell(table, column);
        if (expected instanceof Number n) {
            assertEquals(n.longValue(), actual.getAsLong(), column);
            assertEquals(true, actual.getAsJsonPrimitive().isNumber(), column + " is a number");
        } else if (expected instanceof Boolean b) {
            assertEquals(b, actual.getAsBoolean(), column);
            assertEquals(true, actual.getAsJsonPrimitive().isBoolean(), column + " is a boolean");
        } else {
            assertEquals(expected, actual.getAsString(), column);
        }
    }

    /**
     * A timestamp this long ago, ten seconds into the bucket so that the printed duration does not
     * change while the test runs (30m stays 30m for the next 50 seconds).
     */
    static String ago(Duration d) {
        return Instant.now().minus(d).minusSeconds(10).toString();
    }

    static String minutesAgo(long minutes) {
        return ago(Duration.ofMinutes(minutes));
    }
}
