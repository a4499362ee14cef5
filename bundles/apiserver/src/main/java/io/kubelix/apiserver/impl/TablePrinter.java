package io.kubelix.apiserver.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.apiserver.impl.printers.Column;
import io.kubelix.apiserver.impl.printers.KindTable;
import io.kubelix.apiserver.impl.printers.Printers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side printing ({@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}): the columns
 * kubectl shows for a kind (see {@link Printers}), with each row carrying the object's metadata so
 * that {@code -A}, {@code --show-labels} and {@code -L} work. Every column is filled in, including
 * the {@code -o wide} ones (priority 1), which kubectl hides unless asked.
 */
final class TablePrinter {
    private static final Logger LOG = LoggerFactory.getLogger(TablePrinter.class);

    private TablePrinter() {
    }

    /** What each row carries besides its cells ({@code ?includeObject=}); kubectl's {@code --sort-by} asks for Object. */
    enum IncludeObject {
        NONE, METADATA, OBJECT;

        static IncludeObject parse(String value) {
            if (value == null || value.isEmpty() || value.equals("Metadata")) {
                return METADATA;
            }
            return switch (value) {
                case "None" -> NONE;
                case "Object" -> OBJECT;
                default -> throw io.kubelix.api.resource.ApiException.badRequest("includeObject: Unsupported value: \""
                        + value + "\": supported values: \"None\", \"Metadata\", \"Object\"");
            };
        }
    }

    static JsonObject table(ResourceType type, List<JsonObject> objects, String resourceVersion, String continueToken) {
        return table(type, objects, resourceVersion, continueToken, IncludeObject.METADATA);
    }

    static JsonObject table(ResourceType type, List<JsonObject> objects, String resourceVersion, String continueToken,
            IncludeObject include) {
        KindTable kind = Printers.of(type);
        JsonObject table = new JsonObject();
        table.addProperty("kind", "Table");
        table.addProperty("apiVersion", "meta.k8s.io/v1");
        JsonObject metadata = new JsonObject();
        if (resourceVersion != null) {
            metadata.addProperty("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            metadata.addProperty("continue", continueToken);
        }
        table.add("metadata", metadata);
        JsonArray definitions = new JsonArray();
        for (Column c : kind.columns()) {
            JsonObject d = new JsonObject();
            d.addProperty("name", c.name());
            d.addProperty("type", c.type());
            d.addProperty("format", c.format());
            d.addProperty("description", c.description());
            d.addProperty("priority", c.priority());
            definitions.add(d);
        }
        table.add("columnDefinitions", definitions);
        JsonArray rows = new JsonArray();
        for (JsonObject object : objects) {
            rows.add(row(type, kind, object, include));
        }
        table.add("rows", rows);
        return table;
    }

    private static JsonObject row(ResourceType type, KindTable kind, JsonObject object, IncludeObject include) {
        JsonObject row = new JsonObject();
        JsonArray cells = new JsonArray();
        for (Column c : kind.columns()) {
            cells.add(cell(type, c, object));
        }
        row.add("cells", cells);
        JsonArray conditions = conditions(type, kind, object);
        if (conditions != null) {
            row.add("conditions", conditions);
        }
        if (include == IncludeObject.OBJECT) {
            row.add("object", object);
        } else if (include == IncludeObject.METADATA) {
            JsonObject partial = new JsonObject();
            partial.addProperty("kind", "PartialObjectMetadata");
            partial.addProperty("apiVersion", "meta.k8s.io/v1");
            JsonObject meta = Objects.metadata(object);
            partial.add("metadata", meta == null ? new JsonObject() : meta.deepCopy());
            row.add("object", partial);
        }
        return row;
    }

    /** The printers read defensively; a slip there must cost one cell, never the whole listing. */
    private static JsonElement cell(ResourceType type, Column column, JsonObject object) {
        Object value;
        try {
            value = column.cell().apply(object);
        } catch (RuntimeException e) {
            LOG.warn("Cannot print column {} of {} {}: {}", column.name(), type.qualifiedPlural(), Objects.name(object),
                    e.toString());
            value = "<unknown>";
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(value == null ? "" : value.toString());
    }

    private static JsonArray conditions(ResourceType type, KindTable kind, JsonObject object) {
        try {
            return kind.rowConditions().apply(object);
        } catch (RuntimeException e) {
            LOG.warn("Cannot compute row conditions of {} {}: {}", type.qualifiedPlural(), Objects.name(object), e.toString());
            return null;
        }
    }
}
