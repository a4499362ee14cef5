package io.kubelix.apiserver.impl.protobuf;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.kubelix.api.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a message of Kubernetes' generated.proto schema into the JSON Kubernetes would write for the same
 * Go object, by walking the message's descriptors. The proto field names are the JSON names; the few types
 * with their own JSON form (Quantity, IntOrString, Time, MicroTime, Duration, RawExtension, FieldsV1 and the
 * string-list wrappers) are recognised by their full message name.
 *
 * <p>Two rules of Go's JSON encoding come from {@code go-json-rules.txt}: embedded Go structs whose fields
 * are inlined into the enclosing object (Probe's handler, Volume's volumeSource, the selectors'
 * localObjectReference), and which zero values to keep. Kubernetes' Go marshaller writes every non-pointer
 * field, set or not, so a zero ("", 0, false, a zero Time) on the wire usually means "unset" and is left out
 * as Go's JSON encoder would; pointer fields such as {@code spec.replicas: 0} or
 * {@code allowPrivilegeEscalation: false}, and fields without omitempty, keep theirs.
 */
public final class ProtoJson {

    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    private static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    private static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    private static final String TIME = META + "Time";
    private static final String MICRO_TIME = META + "MicroTime";
    private static final String DURATION = META + "Duration";
    private static final String FIELDS_V1 = META + "FieldsV1";

    private static final String RULES = "go-json-rules.txt";
    /** "message.field" of the scalar fields whose zero value is meant, not just written. */
    private static final Set<String> ZERO_VALUES_KEPT = loadRules("keep-zero");
    /** "message number" of the fields that hold an embedded Go struct, inlined in JSON. */
    private static final Set<String> INLINED = loadRules("inline");

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ProtoJson() {
    }

    /**
     * The JSON object for a message.
     *
     * @throws IllegalArgumentException when the message holds something JSON cannot say (a field this
     *         schema does not know, a RawExtension that is not JSON); the message names the field's path
     */
    public static JsonObject toJson(Message message) {
        return object(message, "");
    }

    private static JsonObject object(Message message, String path) {
        rejectUnknownFields(message, path);
        JsonObject json = new JsonObject();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
            JsonElement value;
            if (field.isMapField()) {
                value = map(field, (List<?>) entry.getValue(), fieldPath);
            } else if (field.isRepeated()) {
                JsonArray array = new JsonArray();
                List<?> items = (List<?>) entry.getValue();
                for (int i = 0; i < items.size(); i++) {
                    JsonElement item = value(field, items.get(i), fieldPath + "[" + i + "]");
                    array.add(item == null ? JsonNull.INSTANCE : item);
                }
                value = array;
            } else {
                value = singular(field, entry.getValue(), fieldPath);
            }
            if (value instanceof JsonObject embedded
                    && INLINED.contains(field.getContainingType().getFullName() + " " + field.getNumber())) {
                embedded.entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
            } else if (value != null) {
                json.add(field.getName(), value);
            }
        }
        return json;
    }

    private static JsonElement singular(FieldDescriptor field, Object value, String path) {
        if (isZero(value) && !ZERO_VALUES_KEPT.contains(field.getFullName())) {
            return null;
        }
        return value(field, value, path);
    }

    private static boolean isZero(Object value) {
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue() == 0;
        }
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue() == 0;
        }
        return value instanceof ByteString bytes && bytes.isEmpty();
    }

    /** The second word of every line of the rules file that starts with {@code rule}. */
    static Set<String> loadRules(String rule) {
        try (InputStream in = ProtoJson.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException(RULES + " is missing from the bundle");
            }
            Set<String> entries = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\n")) {
                String[] words = line.strip().split(" ", 2);
                if (words.length == 2 && words[0].equals(rule)) {
                    entries.add(words[1].strip());
                }
            }
            return Set.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RULES, e);
        }
    }

    private static JsonObject map(FieldDescriptor field, List<?> entries, String path) {
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByName("key");
        FieldDescriptor valueField = entryType.findFieldByName("value");
        // Go writes map keys sorted; so does this, whatever order they came in.
        TreeMap<String, JsonElement> sorted = new TreeMap<>();
        for (Object e : entries) {
            Message entry = (Message) e;
            String key = String.valueOf(entry.getField(keyField));
            JsonElement value = value(valueField, entry.getField(valueField), path + "[" + key + "]");
            sorted.put(key, value == null ? JsonNull.INSTANCE : value);
        }
        JsonObject json = new JsonObject();
        sorted.forEach(json::add);
        return json;
    }

    /** One value of a field; null when Kubernetes' JSON would leave it out (a zero Time, an empty RawExtension). */
    private static JsonElement value(FieldDescriptor field, Object value, String path) {
        return switch (field.getJavaType()) {
            case STRING -> new JsonPrimitive((String) value);
            case INT, LONG, FLOAT, DOUBLE -> new JsonPrimitive((Number) value);
            case BOOLEAN -> new JsonPrimitive((Boolean) value);
            case BYTE_STRING -> new JsonPrimitive(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> new JsonPrimitive(((EnumValueDescriptor) value).getName());
            case MESSAGE -> message((Message) value, path);
        };
    }

    private static JsonElement message(Message message, String path) {
        Descriptor type = message.getDescriptorForType();
        switch (type.getFullName()) {
            case QUANTITY -> {
                rejectUnknownFields(message, path);
                String quantity = (String) field(message, "string");
                return new JsonPrimitive(quantity == null || quantity.isEmpty() ? "0" : quantity);
            }
            case INT_OR_STRING -> {
                rejectUnknownFields(message, path);
                Long kind = (Long) field(message, "type");
                if (kind != null && kind == 1) {
                    String s = (String) field(message, "strVal");
                    return new JsonPrimitive(s == null ? "" : s);
                }
                Integer i = (Integer) field(message, "intVal");
                return new JsonPrimitive(i == null ? 0 : i);
            }
            case TIME, MICRO_TIME -> {
                rejectUnknownFields(message, path);
                Long seconds = (Long) field(message, "seconds");
                Integer nanos = (Integer) field(message, "nanos");
                long s = seconds == null ? 0 : seconds;
                int n = nanos == null ? 0 : nanos;
                if (s == 0 && n == 0) {
                    return null;
                }
                // Time is written to the second, MicroTime to the microsecond, both in UTC.
                return new JsonPrimitive(type.getFullName().equals(TIME)
                        ? Instant.ofEpochSecond(s).toString()
                        : MICROS.format(Instant.ofEpochSecond(s, n)));
            }
            case DURATION -> {
                rejectUnknownFields(message, path);
                Long nanos = (Long) field(message, "duration");
                return new JsonPrimitive(goDuration(nanos == null ? 0 : nanos));
            }
            case RAW_EXTENSION, FIELDS_V1 -> {
                rejectUnknownFields(message, path);
                ByteString raw = (ByteString) field(message, type.getFullName().equals(RAW_EXTENSION) ? "raw" : "Raw");
                if (raw == null || raw.isEmpty()) {
                    return null;
                }
                try {
                    return Json.parse(raw.toString(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException | JsonParseException e) {
                    throw new IllegalArgumentException(path + " holds an embedded object that is not JSON");
                }
            }
            default -> {
                if (isStringList(type)) {
                    rejectUnknownFields(message, path);
                    JsonArray array = new JsonArray();
                    for (Object item : (List<?>) message.getField(type.findFieldByName("items"))) {
                        array.add((String) item);
                    }
                    return array;
                }
                return object(message, path);
            }
        }
    }

    /** ExtraValue and Verbs are Go string slices, wrapped in a message only because protobuf needs one. */
    private static boolean isStringList(Descriptor type) {
        return (type.getName().equals("ExtraValue") || type.getFullName().equals(META + "Verbs"))
                && type.getFields().size() == 1
                && type.getFields().get(0).getName().equals("items")
                && type.getFields().get(0).isRepeated()
                && type.getFields().get(0).getJavaType() == FieldDescriptor.JavaType.STRING;
    }

    private static Object field(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        if (field == null) {
            throw new IllegalStateException(message.getDescriptorForType().getFullName() + " has no field " + name);
        }
        return message.hasField(field) ? message.getField(field) : null;
    }

    /**
     * A field number this schema does not know would otherwise vanish without a word. Zero values are let
     * through: a newer client's Go marshaller writes its new non-pointer fields even when they are unset.
     */
    private static void rejectUnknownFields(Message message, String path) {
        UnknownFieldSet unknown = message.getUnknownFields();
        if (unknown.asMap().isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, UnknownFieldSet.Field> entry : unknown.asMap().entrySet()) {
            UnknownFieldSet.Field field = entry.getValue();
            boolean zero = field.getVarintList().stream().allMatch(v -> v == 0)
                    && field.getFixed32List().stream().allMatch(v -> v == 0)
                    && field.getFixed64List().stream().allMatch(v -> v == 0)
                    && field.getLengthDelimitedList().stream().allMatch(ByteString::isEmpty)
                    && field.getGroupList().isEmpty();
            if (!zero) {
                throw new IllegalArgumentException("field number " + entry.getKey() + " of "
                        + message.getDescriptorForType().getFullName()
                        + (path.isEmpty() ? "" : " (at " + path + ")")
                        + " is not in this server's protobuf schema, so it cannot be read without losing it");
            }
        }
    }

    /** A duration as Go's time.Duration.String() writes it: "1h0m0s", "1m30s", "1.5s", "250ms", "0s". */
    static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos == Long.MIN_VALUE) {
            return "-2562047h47m16.854775808s";
        }
        if (nanos < 0) {
            return "-" + goDuration(-nanos);
        }
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return decimal(nanos, 3) + "µs";
        }
        if (nanos < 1_000_000_000L) {
            return decimal(nanos, 6) + "ms";
        }
        long totalSeconds = nanos / 1_000_000_000L;
        String seconds = decimal(nanos % 60_000_000_000L, 9) + "s";
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds / 60 % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    /** value / 10^digits, with the fraction's trailing zeros dropped. */
    private static String decimal(long value, int digits) {
        long unit = (long) Math.pow(10, digits);
        String whole = Long.toString(value / unit);
        long fraction = value % unit;
        if (fraction == 0) {
            return whole;
        }
        String f = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
