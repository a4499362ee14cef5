package io.kubelix.apiserver.impl.printers;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind prints: its columns, and the row conditions kubectl reads (a finished pod's row
 * says Completed so that kubectl can tell it apart); {@code rowConditions} returns null when none.
 */
public record KindTable(List<Column> columns, Function<JsonObject, JsonArray> rowConditions) {
    public KindTable {
        columns = List.copyOf(columns);
    }

    static KindTable of(Column... columns) {
        return new KindTable(List.of(columns), o -> null);
    }
}
