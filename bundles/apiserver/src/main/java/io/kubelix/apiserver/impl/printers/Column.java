package io.kubelix.apiserver.impl.printers;

import com.google.gson.JsonObject;
import java.util.function.Function;

/**
 * One column of a server-side table: its header, type, format, a one-sentence description,
 * its priority (above 0: shown only by {@code kubectl get -o wide}) and how to compute its cell.
 * A cell is a String, a Number or a Boolean.
 */
public record Column(String name, String type, String format, String description, int priority,
        Function<JsonObject, Object> cell) {

    /** The object's name: every kind has it first (events last, and only with -o wide). */
    static final Column NAME = new Column("Name", "string", "name", "The object's name, unique within its namespace.",
            0, Cells::name);

    static final Column AGE = new Column("Age", "string", "",
            "How long ago the object was created.", 0, o -> Cells.age(Cells.str(o, "metadata.creationTimestamp")));

    /** The creation time as an RFC 3339 date: the only column kubectl shows for roles and limit ranges. */
    static final Column CREATED_AT = new Column("Created At", "date", "",
            "When the object was created.", 0, o -> Cells.createdAt(o));

    static Column text(String name, String description, Function<JsonObject, Object> cell) {
        return new Column(name, "string", "", description, 0, cell);
    }

    static Column integer(String name, String description, Function<JsonObject, Object> cell) {
        return new Column(name, "integer", "", description, 0, cell);
    }

    static Column bool(String name, String description, Function<JsonObject, Object> cell) {
        return new Column(name, "boolean", "", description, 0, cell);
    }

    /** The same column, shown only with {@code -o wide}. */
    Column wide() {
        return new Column(name, type, format, description, 1, cell);
    }
}
