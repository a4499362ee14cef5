package io.kubelix.api.yaml;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

/**
 * YAML manifests to JSON objects and back.
 * <p>
 * Reading builds JSON straight from SnakeYAML's node graph, so no Java type is ever instantiated
 * from a tag (only the standard scalar, sequence and mapping tags are accepted). It is hardened
 * against hostile input: at most {@value #MAX_CODE_POINTS} code points, {@value #MAX_ALIASES}
 * aliases to collections per document, {@value #MAX_NESTING_DEPTH} levels of nesting and
 * {@value #MAX_VALUES} values after alias expansion; recursive aliases and duplicate keys are
 * errors. Timestamps and dates stay strings exactly as written. Errors are
 * {@link IllegalArgumentException}s that name the line and column.
 */
public final class Yaml {
    /** The most code points one text may have (3 MiB). */
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
    /** The most aliases of sequences or mappings one document may use. */
    public static final int MAX_ALIASES = 50;
    /** The deepest nesting of sequences and mappings (CRD schemas nest deeply). */
    public static final int MAX_NESTING_DEPTH = 200;
    /** The most values (scalars and collections, aliases expanded) one text may produce. */
    public static final int MAX_VALUES = 3_000_000;

    /** Read as strings here and by kubectl, but as numbers by other YAML 1.1 readers: quoted when written. */
    private static final Pattern SEXAGESIMAL = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Resolver RESOLVER = new KubectlResolver();

    /**
     * Which plain scalars are booleans, numbers and nulls, as kubectl's YAML library decides: YAML 1.1
     * with {@code y}/{@code n} booleans and {@code 0o} octals, but no base-60 numbers ({@code 12:30}
     * is a string, as a time of day in a ConfigMap should be).
     */
    private static final class KubectlResolver extends Resolver {
        private static final Pattern BOOL = Pattern.compile(
                "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
        private static final Pattern INT = Pattern.compile(
                "^[-+]?(?:0b[0-1_]+|0o[0-7_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+)$");
        private static final Pattern FLOAT = Pattern.compile(
                "^(?:[-+]?(?:\\.[0-9][0-9_]*|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                        + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789", 1024);
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.", 1024);
            addImplicitResolver(Tag.MERGE, Resolver.MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, Resolver.EMPTY, null, 10);
            addImplicitResolver(Tag.TIMESTAMP, Resolver.TIMESTAMP, "0123456789", 64);
        }
    }

    private Yaml() {
    }

    /**
     * Reads every document of a YAML (or JSON) stream as JSON objects, in order. Empty documents
     * are skipped, and a list object ({@code kind: List}, or any kind ending in {@code List} with
     * {@code items}) is replaced by its items.
     *
     * @throws IllegalArgumentException when the text is not valid YAML, exceeds a limit, or a
     *                                  document is not an object
     */
    public static List<JsonObject> readObjects(String text) {
        List<JsonObject> objects = new ArrayList<>();
        for (Document document : readDocuments(text)) {
            if (!document.value.isJsonObject()) {
                throw new IllegalArgumentException("document " + document.number + " (line " + document.line
                        + ") is " + describe(document.value) + ", not an object");
            }
            expandLists(document.value.getAsJsonObject(), objects, document, 0);
        }
        return objects;
    }

    /**
     * Reads a text that holds exactly one object (in one document; empty documents aside). A list
     * object is returned as it is, not expanded.
     *
     * @throws IllegalArgumentException when there is no object, more than one, or the text is invalid
     */
    public static JsonObject readObject(String text) {
        List<Document> documents = readDocuments(text);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("expected one object, but the YAML text has none");
        }
        if (documents.size() > 1) {
            throw new IllegalArgumentException("expected one object, but the YAML text has " + documents.size()
                    + " documents (the second starts at line " + documents.get(1).line + ")");
        }
        Document document = documents.get(0);
        if (!document.value.isJsonObject()) {
            throw new IllegalArgumentException("expected an object, but the YAML document is " + describe(document.value));
        }
        return document.value.getAsJsonObject();
    }

    /**
     * Reads one YAML document as any JSON value (object, array or scalar); an empty text is
     * {@link JsonNull}.
     *
     * @throws IllegalArgumentException when the text is invalid or holds several documents
     */
    public static JsonElement readValue(String text) {
        List<Document> documents = readDocuments(text);
        if (documents.size() > 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + documents.size());
        }
        return documents.isEmpty() ? JsonNull.INSTANCE : documents.get(0).value;
    }

    /**
     * Writes a JSON value as block-style YAML like {@code kubectl get -o yaml}: keys sorted,
     * 2-space indentation, list items at their parent key's indentation, strings quoted only where
     * they would otherwise read back as something else, multi-line strings as literal blocks.
     * The result ends with a newline.
     */
    public static String write(JsonElement element) {
        StringWriter out = new StringWriter();
        try {
            Serializer serializer = new Serializer(new Emitter(out, dumperOptions()), RESOLVER, dumperOptions(), null);
            serializer.open();
            serializer.serialize(toNode(element == null ? JsonNull.INSTANCE : element));
            serializer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes several values as one multi-document stream, separated by {@code ---} lines. */
    public static String writeAll(List<? extends JsonElement> elements) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                b.append("---\n");
            }
            b.append(write(elements.get(i)));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- reading

    private record Document(int number, int line, JsonElement value) {
    }

    private static List<Document> readDocuments(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no YAML text");
        }
        if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new IllegalArgumentException("the YAML text is too large: it has "
                    + text.codePointCount(0, text.length()) + " characters, at most " + MAX_CODE_POINTS + " are allowed");
        }
        String[] jsonError = {null};
        boolean looksLikeJson = text.stripLeading().startsWith("{");
        if (looksLikeJson) {
            JsonElement json = readStrictJson(text, jsonError);
            if (json != null) {
                return List.of(new Document(1, 1, json));
            }
        }
        try {
            return readYamlDocuments(text);
        } catch (IllegalArgumentException e) {
            // Text that starts like JSON was most likely meant as JSON: its error is the useful one.
            if (looksLikeJson && jsonError[0] != null) {
                throw new IllegalArgumentException("invalid JSON: " + jsonError[0], e);
            }
            throw e;
        }
    }

    private static List<Document> readYamlDocuments(String text) {
        LoaderOptions options = loaderOptions();
        List<Document> documents = new ArrayList<>();
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), RESOLVER, options);
            Converter converter = new Converter();
            int number = 0;
            while (composer.checkNode()) {
                Node node = composer.getNode();
                number++;
                JsonElement value = converter.convert(node, 0);
                if (!value.isJsonNull()) {
                    documents.add(new Document(number, node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1, value));
                }
            }
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (YAMLException e) {
            String why = String.valueOf(e.getMessage());
            if (why.startsWith("Nesting Depth exceeded")) {
                why = "lists and mappings nest more than " + MAX_NESTING_DEPTH + " levels deep";
            } else if (why.startsWith("Number of aliases")) {
                why = "more than " + MAX_ALIASES + " aliases to lists or mappings in one document (a guard against "
                        + "alias expansion bombs)";
            }
            throw new IllegalArgumentException("invalid YAML: " + why, e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("invalid YAML: the document nests too deeply", e);
        }
        return documents;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        // No global tag may name a Java type; the converter below accepts standard tags only anyway.
        options.setTagInspector(tag -> false);
        return options;
    }

    private static void expandLists(JsonObject object, List<JsonObject> out, Document document, int depth) {
        JsonElement kind = object.get("kind");
        JsonElement items = object.get("items");
        boolean list = kind instanceof JsonPrimitive p && p.isString() && p.getAsString().endsWith("List")
                && items != null && (items.isJsonArray() || items.isJsonNull());
        if (!list || depth > 10) {
            out.add(object);
            return;
        }
        if (items.isJsonNull()) {
            return;
        }
        JsonArray array = items.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            if (!item.isJsonObject()) {
                throw new IllegalArgumentException("document " + document.number + " (line " + document.line + "): items["
                        + i + "] of the " + kind.getAsString() + " is " + describe(item) + ", not an object");
            }
            expandLists(item.getAsJsonObject(), out, document, depth + 1);
        }
    }

    /** Turns one document's node graph into JSON; one instance per text, so the value budget spans documents. */
    private static final class Converter {
        private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        private long values;

        JsonElement convert(Node node, int depth) {
            if (++values > MAX_VALUES) {
                throw new IllegalArgumentException("the YAML text expands to more than " + MAX_VALUES
                        + " values (through aliases?)" + at(node));
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (!inProgress.add(node)) {
                throw new IllegalArgumentException("a YAML alias refers to a collection that contains it" + at(node));
            }
            try {
                if (node instanceof SequenceNode sequence) {
                    requireTag(node, Tag.SEQ, Tag.OMAP, Tag.PAIRS);
                    JsonArray array = new JsonArray();
                    for (Node item : sequence.getValue()) {
                        array.add(convert(item, depth + 1));
                    }
                    return array;
                }
                MappingNode mapping = (MappingNode) node;
                requireTag(node, Tag.MAP, Tag.SET);
                return mapping(mapping, depth);
            } finally {
                inProgress.remove(node);
            }
        }

        private JsonObject mapping(MappingNode mapping, int depth) {
            JsonObject object = new JsonObject();
            Map<String, Node> firstKeyNode = new HashMap<>();
            List<Node> mergeSources = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode instanceof ScalarNode k && k.getTag().equals(Tag.MERGE)) {
                    mergeSources.add(tuple.getValueNode());
                    continue;
                }
                String key = key(keyNode);
                Node earlier = firstKeyNode.putIfAbsent(key, keyNode);
                if (earlier != null) {
                    throw new IllegalArgumentException("duplicate key \"" + key + "\"" + at(keyNode)
                            + " (first defined at line " + (earlier.getStartMark().getLine() + 1) + ")");
                }
                object.add(key, convert(tuple.getValueNode(), depth + 1));
            }
            // Merged keys ("<<: *defaults") never override explicit ones; earlier sources win over later ones.
            for (Node source : mergeSources) {
                List<Node> maps = source instanceof SequenceNode s ? s.getValue() : List.of(source);
                for (Node map : maps) {
                    JsonElement merged = convert(map, depth + 1);
                    if (!merged.isJsonObject()) {
                        throw new IllegalArgumentException("a merge key (<<) must refer to a mapping or a list of mappings"
                                + at(map));
                    }
                    for (Map.Entry<String, JsonElement> e : merged.getAsJsonObject().entrySet()) {
                        if (!object.has(e.getKey())) {
                            object.add(e.getKey(), e.getValue());
                        }
                    }
                }
            }
            return object;
        }

        /** JSON keys are strings: other scalar keys become their canonical text ({@code 0x10: a} is "16"). */
        private String key(Node keyNode) {
            if (!(keyNode instanceof ScalarNode scalar)) {
                throw new IllegalArgumentException("a mapping key must be a plain value, not a "
                        + (keyNode.getNodeId() == NodeId.sequence ? "list" : "mapping") + at(keyNode));
            }
            JsonElement value = scalar(scalar);
            if (value.isJsonNull()) {
                return "null";
            }
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isNumber() && !(p.getAsNumber() instanceof Integer || p.getAsNumber() instanceof Long
                    || p.getAsNumber() instanceof BigInteger)) {
                return p.getAsBigDecimal().stripTrailingZeros().toPlainString();
            }
            return p.getAsString();
        }

        private static JsonElement scalar(ScalarNode node) {
            Tag tag = node.getTag();
            String text = node.getValue();
            if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
                return new JsonPrimitive(text);
            }
            if (tag.equals(Tag.NULL)) {
                return JsonNull.INSTANCE;
            }
            if (tag.equals(Tag.BOOL)) {
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "y":
                        return new JsonPrimitive(true);
                    case "false", "no", "off", "n":
                        return new JsonPrimitive(false);
                    default:
                        throw new IllegalArgumentException("\"" + text + "\" is not a boolean" + at(node));
                }
            }
            if (tag.equals(Tag.INT)) {
                return new JsonPrimitive(integer(text, node));
            }
            if (tag.equals(Tag.FLOAT)) {
                BigDecimal value = decimal(text, node);
                String json = jsonNumberText(text);
                return new JsonPrimitive(json == null ? value : new SpelledNumber(json, value));
            }
            if (tag.equals(Tag.BINARY)) {
                // Base64 text, which is also how JSON carries bytes (Secret data): keep it, minus line breaks.
                return new JsonPrimitive(text.replaceAll("\\s+", ""));
            }
            if (tag.equals(Tag.MERGE)) {
                return new JsonPrimitive(text);
            }
            throw new IllegalArgumentException("unsupported YAML tag " + tag + at(node));
        }

        private static Number integer(String text, ScalarNode node) {
            String t = text.replace("_", "");
            boolean negative = t.startsWith("-");
            if (t.startsWith("-") || t.startsWith("+")) {
                t = t.substring(1);
            }
            BigInteger value;
            try {
                if (t.startsWith("0b")) {
                    value = new BigInteger(t.substring(2), 2);
                } else if (t.startsWith("0x")) {
                    value = new BigInteger(t.substring(2), 16);
                } else if (t.startsWith("0o")) {
                    value = new BigInteger(t.substring(2), 8);
                } else if (t.length() > 1 && t.startsWith("0")) {
                    value = new BigInteger(t.substring(1), 8); // YAML 1.1 octal: 0755
                } else {
                    value = new BigInteger(t);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not an integer" + at(node), e);
            }
            if (negative) {
                value = value.negate();
            }
            if (value.bitLength() < 32) {
                return value.intValue();
            }
            return value.bitLength() < 64 ? (Number) value.longValue() : value;
        }

        private static BigDecimal decimal(String text, ScalarNode node) {
            String t = text.replace("_", "");
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".inf") || lower.endsWith(".nan")) {
                throw new IllegalArgumentException("\"" + text + "\" (infinity or not-a-number) cannot be represented in JSON"
                        + at(node));
            }
            try {
                return new BigDecimal(t.endsWith(".") ? t + "0" : t);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a number" + at(node), e);
            }
        }

        private static void requireTag(Node node, Tag... allowed) {
            for (Tag tag : allowed) {
                if (tag.equals(node.getTag())) {
                    return;
                }
            }
            throw new IllegalArgumentException("unsupported YAML tag " + node.getTag() + at(node));
        }
    }

    private static String at(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** SnakeYAML's message without its source snippet, with 1-based positions. */
    private static String describe(MarkedYAMLException e) {
        StringBuilder b = new StringBuilder("invalid YAML");
        Mark problemMark = e.getProblemMark();
        if (problemMark != null) {
            b.append(" at line ").append(problemMark.getLine() + 1).append(", column ").append(problemMark.getColumn() + 1);
        }
        b.append(": ").append(e.getProblem() == null ? "syntax error" : e.getProblem());
        Mark contextMark = e.getContextMark();
        if (e.getContext() != null) {
            b.append(" (").append(e.getContext());
            if (contextMark != null && (problemMark == null || contextMark.getLine() != problemMark.getLine()
                    || contextMark.getColumn() != problemMark.getColumn())) {
                b.append(" that starts at line ").append(contextMark.getLine() + 1)
                        .append(", column ").append(contextMark.getColumn() + 1);
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String describe(JsonElement e) {
        if (e.isJsonArray()) {
            return "a list";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isNumber() ? "a number" : "a boolean";
    }

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

    /** The YAML float spelled as a JSON number ({@code +.5} is {@code 0.5}), or null when that is not simple. */
    private static String jsonNumberText(String yaml) {
        String t = yaml.replace("_", "");
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        boolean negative = t.startsWith("-");
        String digits = negative ? t.substring(1) : t;
        if (digits.startsWith(".")) {
            digits = "0" + digits;
        }
        digits = digits.replaceFirst("\\.(?=[eE]|$)", ".0");
        String json = (negative ? "-" : "") + digits;
        return JSON_NUMBER.matcher(json).matches() ? json : null;
    }

    /**
     * A non-integer number that remembers how it was spelled, as Gson's own parser does for JSON,
     * so that {@code 1e3} stays {@code 1e3} (a quantity's format depends on it).
     */
    private static final class SpelledNumber extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;
        private final BigDecimal value;

        SpelledNumber(String text, BigDecimal value) {
            this.text = text;
            this.value = value;
        }

        @Override
        public int intValue() {
            return value.intValue();
        }

        @Override
        public long longValue() {
            return value.longValue();
        }

        @Override
        public float floatValue() {
            return value.floatValue();
        }

        @Override
        public double doubleValue() {
            return value.doubleValue();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Strict JSON, the common case for API clients: faster than YAML and, unlike YAML 1.1, fine with
     * tab indentation. Null when the text is not strict JSON (the YAML reader then decides).
     */
    private static JsonElement readStrictJson(String text, String[] error) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_NESTING_DEPTH);
            JsonElement value = readJsonValue(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                error[0] = "unexpected content after the JSON object" + reader;
                return null;
            }
            return value;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int see = why.indexOf("\nSee https://");
            why = see > 0 ? why.substring(0, see) : why;
            int path = why.indexOf(" path $");
            if (path > 0 && why.length() - path > 100) {
                why = why.substring(0, path + 95) + "...";
            }
            error[0] = why;
            return null;
        }
    }

    private static JsonElement readJsonValue(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String where = reader.toString();
                    String key = reader.nextName();
                    if (object.has(key)) {
                        throw new IllegalArgumentException("duplicate key \"" + key + "\"" + where.replaceFirst("^JsonReader", ""));
                    }
                    object.add(key, readJsonValue(reader));
                }
                reader.endObject();
                return object;
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(readJsonValue(reader));
                }
                reader.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                String number = reader.nextString();
                if (number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
                    BigInteger integer = new BigInteger(number);
                    return new JsonPrimitive(integer.bitLength() < 32 ? Integer.valueOf(integer.intValue())
                            : integer.bitLength() < 64 ? (Number) integer.longValue() : integer);
                }
                return new JsonPrimitive(new SpelledNumber(number, new BigDecimal(number)));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException("unexpected JSON token " + reader.peek() + reader);
        }
    }

    // ---------------------------------------------------------------- writing

    private static DumperOptions dumperOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(true);
        options.setMaxSimpleKeyLength(1024);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return options;
    }

    private static Node toNode(JsonElement element) {
        if (element.isJsonObject()) {
            List<Map.Entry<String, JsonElement>> entries = new ArrayList<>(element.getAsJsonObject().entrySet());
            entries.sort(Map.Entry.comparingByKey());
            List<NodeTuple> tuples = new ArrayList<>(entries.size());
            for (Map.Entry<String, JsonElement> e : entries) {
                tuples.add(new NodeTuple(stringNode(e.getKey()), toNode(e.getValue())));
            }
            return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
        }
        if (element.isJsonArray()) {
            List<Node> items = new ArrayList<>();
            for (JsonElement item : element.getAsJsonArray()) {
                items.add(toNode(item));
            }
            return new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
        }
        if (element.isJsonNull()) {
            return new ScalarNode(Tag.NULL, "null", null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        JsonPrimitive p = element.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return new ScalarNode(Tag.BOOL, String.valueOf(p.getAsBoolean()), null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (p.isNumber()) {
            String text = p.getAsNumber().toString();
            Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
            if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
            }
            // A number whose JSON spelling YAML does not read as a number (NaN from a Double): keep it readable.
            return new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        }
        return stringNode(p.getAsString());
    }

    private static boolean hasUnicodeBreakOrBom(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                return true;
            }
        }
        return false;
    }

    private static ScalarNode stringNode(String text) {
        DumperOptions.ScalarStyle style;
        if (hasUnicodeBreakOrBom(text)) {
            // YAML 1.1 reads NEL, LS and PS as line breaks and may drop a BOM: only escapes keep them.
            style = DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        } else if (text.indexOf('\n') >= 0) {
            // The emitter falls back to double quotes when a literal block cannot hold the text exactly.
            style = DumperOptions.ScalarStyle.LITERAL;
        } else if (!RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR) || SEXAGESIMAL.matcher(text).matches()) {
            // Would read back as a number, boolean, null, timestamp or merge key (here, or with
            // another YAML 1.1 reader): quote it as kubectl does.
            style = DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        } else {
            style = DumperOptions.ScalarStyle.PLAIN;
        }
        return new ScalarNode(Tag.STR, text, null, null, style);
    }
}
