package io.kubelix.api.selector;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.validation.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A label selector: a conjunction of requirements on an object's labels. Immutable and thread-safe.
 * <p>
 * Two sources: the {@code labelSelector} query string ({@link #parse}) and the
 * {@code metav1.LabelSelector} object of workload specs ({@link #fromJson}). {@link #toString()}
 * prints the canonical string form, requirements sorted by key and values sorted, which
 * {@link #parse} reads back to an equal selector.
 */
public final class LabelSelector {
    /** Selects every object, including those without labels. */
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    /** Selects no object: what a missing (null) selector means in a workload spec. */
    public static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    /** How a requirement compares a label. */
    public enum Operator {
        EQUALS("=", null),
        DOUBLE_EQUALS("==", null),
        NOT_EQUALS("!=", null),
        IN("in", "In"),
        NOT_IN("notin", "NotIn"),
        EXISTS("", "Exists"),
        DOES_NOT_EXIST("!", "DoesNotExist"),
        GREATER_THAN(">", "Gt"),
        LESS_THAN("<", "Lt");

        private final String symbol;
        private final String jsonName;

        Operator(String symbol, String jsonName) {
            this.symbol = symbol;
            this.jsonName = jsonName;
        }

        /** How the operator is written in a selector string. */
        public String symbol() {
            return symbol;
        }

        /** The name in a {@code matchExpressions} entry ({@code In}, {@code NotIn}...), null for the equality forms. */
        public String jsonName() {
            return jsonName;
        }
    }

    /**
     * One requirement. {@code values} is sorted and free of duplicates; it holds one value for the
     * equality and comparison operators and none for {@code EXISTS} / {@code DOES_NOT_EXIST}.
     */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(new TreeSet<>(values));
        }

        /**
         * A requirement checked as Kubernetes checks it.
         *
         * @throws IllegalArgumentException naming the bad key, operator arity or value
         */
        public static Requirement of(String key, Operator operator, Collection<String> values) {
            List<String> problems = problems(key, operator, values);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new Requirement(key, operator, List.copyOf(values));
        }

        public boolean matches(Map<String, String> labels) {
            String actual = labels == null ? null : labels.get(key);
            boolean present = labels != null && labels.containsKey(key);
            switch (operator) {
                case EQUALS, DOUBLE_EQUALS, IN:
                    return present && values.contains(actual == null ? "" : actual);
                case NOT_EQUALS, NOT_IN:
                    return !present || !values.contains(actual == null ? "" : actual);
                case EXISTS:
                    return present;
                case DOES_NOT_EXIST:
                    return !present;
                case GREATER_THAN, LESS_THAN:
                    if (!present || actual == null) {
                        return false;
                    }
                    Long have = parseLong(actual);
                    Long want = parseLong(values.get(0));
                    if (have == null || want == null) {
                        return false;
                    }
                    return operator == Operator.GREATER_THAN ? have > want : have < want;
                default:
                    throw new AssertionError(operator);
            }
        }

        @Override
        public String toString() {
            switch (operator) {
                case EXISTS:
                    return key;
                case DOES_NOT_EXIST:
                    return "!" + key;
                case IN, NOT_IN:
                    return key + " " + operator.symbol + " (" + String.join(",", values) + ")";
                default:
                    return key + operator.symbol + values.get(0);
            }
        }

        static List<String> problems(String key, Operator operator, Collection<String> values) {
            List<String> problems = new ArrayList<>();
            for (String message : Names.isQualifiedName(key)) {
                problems.add("key: Invalid value: " + quote(key) + ": " + message);
            }
            switch (operator) {
                case IN, NOT_IN:
                    if (values.isEmpty()) {
                        problems.add("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
                    }
                    break;
                case EQUALS, DOUBLE_EQUALS, NOT_EQUALS:
                    if (values.size() != 1) {
                        problems.add("values: Invalid value: " + values.size()
                                + ": exact-match compatibility requires one single value");
                    }
                    break;
                case EXISTS, DOES_NOT_EXIST:
                    if (!values.isEmpty()) {
                        problems.add("values: Invalid value: " + values.size()
                                + ": values set must be empty for exists and does not exist");
                    }
                    break;
                case GREATER_THAN, LESS_THAN:
                    if (values.size() != 1) {
                        problems.add("values: Invalid value: " + values.size()
                                + ": for 'Gt', 'Lt' operators, exactly one value is required");
                    } else if (parseLong(values.iterator().next()) == null) {
                        problems.add("values[0]: Invalid value: " + quote(values.iterator().next())
                                + ": for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                    return problems;
                default:
                    throw new AssertionError(operator);
            }
            int i = 0;
            for (String value : new TreeSet<>(values)) { // indexed as the sorted set, like Kubernetes
                for (String message : Names.isValidLabelValue(value)) {
                    problems.add("values[" + i + "][" + key + "]: Invalid value: " + quote(value) + ": " + message);
                }
                i++;
            }
            return problems;
        }
    }

    private final List<Requirement> requirements;
    private final boolean nothing;

    private LabelSelector(List<Requirement> requirements, boolean nothing) {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::key)); // stable: equal keys keep their order
        this.requirements = List.copyOf(sorted);
        this.nothing = nothing;
    }

    /** A selector requiring all of {@code requirements} (none: everything). */
    public static LabelSelector of(Collection<Requirement> requirements) {
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(List.copyOf(requirements), false);
    }

    /**
     * The selector {@code key=value,...} for every entry, as a Service or ReplicationController
     * selector means it. An empty or null map selects everything.
     *
     * @throws IllegalArgumentException when a key or value is not a valid label key or value
     */
    public static LabelSelector ofLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            requirements.add(Requirement.of(e.getKey(), Operator.EQUALS, List.of(e.getValue() == null ? "" : e.getValue())));
        }
        return new LabelSelector(requirements, false);
    }

    /**
     * Parses the string form: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (x,y)},
     * {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}, joined by commas (AND).
     * Null or blank selects everything.
     *
     * @throws IllegalArgumentException with Kubernetes' wording, for example
     *                                  {@code unable to parse requirement: found 'b', expected: ...}
     */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        return new Parser(selector).parse();
    }

    /**
     * Reads a {@code metav1.LabelSelector}: {@code matchLabels} and {@code matchExpressions}
     * (operators In, NotIn, Exists, DoesNotExist). Null selects nothing, {@code {}} everything.
     *
     * @throws IllegalArgumentException listing what {@link #validate} finds
     */
    public static LabelSelector fromJson(JsonObject selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<FieldError> errors = validate(selector, "");
        if (!errors.isEmpty()) {
            StringBuilder b = new StringBuilder("invalid label selector: ");
            for (int i = 0; i < errors.size(); i++) {
                FieldError e = errors.get(i);
                b.append(i == 0 ? "" : "; ").append(e.field()).append(": ").append(e.message());
            }
            throw new IllegalArgumentException(b.toString());
        }
        List<Requirement> requirements = new ArrayList<>();
        JsonElement matchLabels = selector.get("matchLabels");
        if (matchLabels != null && matchLabels.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : matchLabels.getAsJsonObject().entrySet()) {
                String value = e.getValue().isJsonNull() ? "" : e.getValue().getAsString();
                requirements.add(new Requirement(e.getKey(), Operator.EQUALS, List.of(value)));
            }
        }
        JsonElement matchExpressions = selector.get("matchExpressions");
        if (matchExpressions != null && matchExpressions.isJsonArray()) {
            for (JsonElement element : matchExpressions.getAsJsonArray()) {
                JsonObject expression = element.getAsJsonObject();
                Operator operator = operatorFromJson(expression.get("operator").getAsString());
                List<String> values = new ArrayList<>();
                JsonElement valuesElement = expression.get("values");
                if (valuesElement != null && valuesElement.isJsonArray()) {
                    for (JsonElement v : valuesElement.getAsJsonArray()) {
                        values.add(v.getAsString());
                    }
                }
                requirements.add(new Requirement(expression.get("key").getAsString(), operator, values));
            }
        }
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements, false);
    }

    /**
     * A {@code metav1.LabelSelector} as kubectl shows it in tables and {@code describe}: the canonical
     * string, {@code <none>} when it is empty or null, {@code <error>} when it is invalid.
     */
    public static String format(JsonObject selector) {
        try {
            String text = fromJson(selector).toString();
            return text.isEmpty() ? "<none>" : text;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "<error>";
        }
    }

    /**
     * Checks a {@code metav1.LabelSelector} as Kubernetes' ValidateLabelSelector does, with field
     * paths under {@code fieldPath} (for example {@code spec.selector.matchExpressions[0].values}).
     * A null selector has no errors (whether it is required is the caller's business).
     */
    public static List<FieldError> validate(JsonObject selector, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            return errors;
        }
        String labelsPath = child(fieldPath, "matchLabels");
        JsonElement matchLabels = selector.get("matchLabels");
        if (matchLabels != null && !matchLabels.isJsonNull()) {
            if (!matchLabels.isJsonObject()) {
                errors.add(FieldError.invalid(labelsPath, matchLabels.toString(), "must be an object of strings"));
            } else {
                for (Map.Entry<String, JsonElement> e : matchLabels.getAsJsonObject().entrySet()) {
                    for (String message : Names.isQualifiedName(e.getKey())) {
                        errors.add(FieldError.invalid(labelsPath, e.getKey(), message));
                    }
                    JsonElement value = e.getValue();
                    if (value.isJsonNull()) {
                        continue;
                    }
                    if (!isString(value)) {
                        errors.add(FieldError.invalid(labelsPath + "." + e.getKey(), value.toString(), "must be a string"));
                        continue;
                    }
                    for (String message : Names.isValidLabelValue(value.getAsString())) {
                        errors.add(FieldError.invalid(labelsPath, value.getAsString(), message));
                    }
                }
            }
        }
        String expressionsPath = child(fieldPath, "matchExpressions");
        JsonElement matchExpressions = selector.get("matchExpressions");
        if (matchExpressions != null && !matchExpressions.isJsonNull()) {
            if (!matchExpressions.isJsonArray()) {
                errors.add(FieldError.invalid(expressionsPath, matchExpressions.toString(), "must be a list"));
                return errors;
            }
            JsonArray expressions = matchExpressions.getAsJsonArray();
            for (int i = 0; i < expressions.size(); i++) {
                validateExpression(expressions.get(i), expressionsPath + "[" + i + "]", errors);
            }
        }
        return errors;
    }

    private static void validateExpression(JsonElement element, String path, List<FieldError> errors) {
        if (!element.isJsonObject()) {
            errors.add(FieldError.invalid(path, element.toString(), "must be an object"));
            return;
        }
        JsonObject expression = element.getAsJsonObject();
        String valuesPath = path + ".values";
        List<String> values = new ArrayList<>();
        JsonElement valuesElement = expression.get("values");
        boolean valuesOk = true;
        if (valuesElement != null && !valuesElement.isJsonNull()) {
            if (!valuesElement.isJsonArray()) {
                errors.add(FieldError.invalid(valuesPath, valuesElement.toString(), "must be a list of strings"));
                valuesOk = false;
            } else {
                JsonArray array = valuesElement.getAsJsonArray();
                for (int j = 0; j < array.size(); j++) {
                    if (isString(array.get(j))) {
                        values.add(array.get(j).getAsString());
                    } else {
                        errors.add(FieldError.invalid(valuesPath + "[" + j + "]", array.get(j).toString(), "must be a string"));
                        valuesOk = false;
                    }
                }
            }
        }
        JsonElement operatorElement = expression.get("operator");
        String operator = isString(operatorElement) ? operatorElement.getAsString() : null;
        if (operator == null) {
            errors.add(operatorElement == null || operatorElement.isJsonNull()
                    ? FieldError.required(path + ".operator")
                    : FieldError.invalid(path + ".operator", operatorElement.toString(), "not a valid selector operator"));
        } else {
            switch (operator) {
                case "In", "NotIn":
                    if (values.isEmpty() && valuesOk) {
                        errors.add(new FieldError(FieldError.REQUIRED, valuesPath,
                                "Required value: must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                    break;
                case "Exists", "DoesNotExist":
                    if (!values.isEmpty()) {
                        errors.add(FieldError.forbidden(valuesPath,
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                    break;
                default:
                    errors.add(FieldError.invalid(path + ".operator", operator, "not a valid selector operator"));
            }
        }
        JsonElement keyElement = expression.get("key");
        if (keyElement == null || keyElement.isJsonNull()) {
            errors.add(FieldError.required(path + ".key"));
        } else if (!isString(keyElement)) {
            errors.add(FieldError.invalid(path + ".key", keyElement.toString(), "must be a string"));
        } else {
            for (String message : Names.isQualifiedName(keyElement.getAsString())) {
                errors.add(FieldError.invalid(path + ".key", keyElement.getAsString(), message));
            }
        }
        for (int j = 0; j < values.size(); j++) {
            for (String message : Names.isValidLabelValue(values.get(j))) {
                errors.add(FieldError.invalid(valuesPath + "[" + j + "]", values.get(j), message));
            }
        }
    }

    /** Whether the labels (null: none) satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True when the selector has no requirement and so selects every object. */
    public boolean isEverything() {
        return !nothing && requirements.isEmpty();
    }

    /** True for {@link #NOTHING}. */
    public boolean isNothing() {
        return nothing;
    }

    /** The requirements, sorted by key. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The value the selector requires for {@code key} through {@code key=value} or
     * {@code key in (value)}, if there is one: handy to narrow a search with an index.
     */
    public Optional<String> exactValue(String key) {
        for (Requirement r : requirements) {
            if (r.key.equals(key) && r.values.size() == 1 && (r.operator == Operator.EQUALS
                    || r.operator == Operator.DOUBLE_EQUALS || r.operator == Operator.IN)) {
                return Optional.of(r.values.get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * This selector as a {@code metav1.LabelSelector}, or empty when it uses an operator that object
     * cannot express ({@code !=}, {@code >}, {@code <}) or is {@link #NOTHING}.
     */
    public Optional<JsonObject> toJson() {
        if (nothing) {
            return Optional.empty();
        }
        JsonObject matchLabels = new JsonObject();
        JsonArray matchExpressions = new JsonArray();
        for (Requirement r : requirements) {
            switch (r.operator) {
                case EQUALS, DOUBLE_EQUALS:
                    if (matchLabels.has(r.key)) {
                        matchExpressions.add(expression(r.key, "In", r.values));
                    } else {
                        matchLabels.addProperty(r.key, r.values.get(0));
                    }
                    break;
                case IN, NOT_IN, EXISTS, DOES_NOT_EXIST:
                    matchExpressions.add(expression(r.key, r.operator.jsonName, r.values));
                    break;
                default:
                    return Optional.empty();
            }
        }
        JsonObject json = new JsonObject();
        if (matchLabels.size() > 0) {
            json.add("matchLabels", matchLabels);
        }
        if (!matchExpressions.isEmpty()) {
            json.add("matchExpressions", matchExpressions);
        }
        return Optional.of(json);
    }

    /**
     * The canonical string form, for example {@code app=web,tier in (a,b)}; empty for
     * {@link #EVERYTHING} and for {@link #NOTHING} (as Kubernetes prints both).
     */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(java.util.stream.Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.nothing == nothing && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + (nothing ? 1 : 0);
    }

    private static JsonObject expression(String key, String operator, List<String> values) {
        JsonObject e = new JsonObject();
        e.addProperty("key", key);
        e.addProperty("operator", operator);
        if (!values.isEmpty()) {
            JsonArray array = new JsonArray();
            values.forEach(array::add);
            e.add("values", array);
        }
        return e;
    }

    private static Operator operatorFromJson(String name) {
        for (Operator o : Operator.values()) {
            if (name.equals(o.jsonName) && o != Operator.GREATER_THAN && o != Operator.LESS_THAN) {
                return o;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a valid label selector operator");
    }

    private static boolean isString(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString();
    }

    private static String child(String path, String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A hand-written recursive-descent parser over a small lexer; errors worded like Kubernetes'. */
    private static final class Parser {
        private enum Kind { IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, BANG, GREATER, LESS,
            OPEN, CLOSE, COMMA, END }

        private record Token(Kind kind, String text) {
        }

        private final List<Token> tokens = new ArrayList<>();
        private int position;

        Parser(String input) {
            int i = 0;
            int n = input.length();
            while (i < n) {
                char c = input.charAt(i);
                if (isWhitespace(c)) {
                    i++;
                } else if (c == '=') {
                    boolean twice = i + 1 < n && input.charAt(i + 1) == '=';
                    tokens.add(new Token(twice ? Kind.DOUBLE_EQUALS : Kind.EQUALS, twice ? "==" : "="));
                    i += twice ? 2 : 1;
                } else if (c == '!') {
                    boolean notEquals = i + 1 < n && input.charAt(i + 1) == '=';
                    tokens.add(new Token(notEquals ? Kind.NOT_EQUALS : Kind.BANG, notEquals ? "!=" : "!"));
                    i += notEquals ? 2 : 1;
                } else if (isSpecial(c)) {
                    Kind kind = switch (c) {
                        case '(' -> Kind.OPEN;
                        case ')' -> Kind.CLOSE;
                        case ',' -> Kind.COMMA;
                        case '>' -> Kind.GREATER;
                        default -> Kind.LESS;
                    };
                    tokens.add(new Token(kind, String.valueOf(c)));
                    i++;
                } else {
                    int start = i;
                    while (i < n && !isWhitespace(input.charAt(i)) && !isSpecial(input.charAt(i))) {
                        i++;
                    }
                    String word = input.substring(start, i);
                    Kind kind = word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENTIFIER;
                    tokens.add(new Token(kind, word));
                }
            }
            tokens.add(new Token(Kind.END, ""));
        }

        LabelSelector parse() {
            List<Requirement> requirements = new ArrayList<>();
            while (true) {
                Token t = peek();
                if (t.kind == Kind.END) {
                    break;
                }
                if (!isKeyStart(t)) {
                    throw new IllegalArgumentException("found '" + show(t) + "', expected: !, identifier, or 'end of string'");
                }
                requirements.add(requirement());
                Token after = next();
                if (after.kind == Kind.END) {
                    break;
                }
                if (after.kind != Kind.COMMA) {
                    throw new IllegalArgumentException("found '" + show(after) + "', expected: ',' or 'end of string'");
                }
                if (!isKeyStart(peek())) {
                    throw new IllegalArgumentException("found '" + show(peek()) + "', expected: identifier after ','");
                }
            }
            return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements, false);
        }

        private Requirement requirement() {
            Token first = next();
            if (first.kind == Kind.BANG) {
                Token key = next();
                if (key.kind != Kind.IDENTIFIER) {
                    throw fail("found '" + show(key) + "', expected: identifier after '!'");
                }
                return checked(key.text, Operator.DOES_NOT_EXIST, List.of());
            }
            String key = first.text;
            Token op = peek();
            if (op.kind == Kind.END || op.kind == Kind.COMMA) {
                return checked(key, Operator.EXISTS, List.of());
            }
            next();
            switch (op.kind) {
                case EQUALS:
                    return checked(key, Operator.EQUALS, exactValue());
                case DOUBLE_EQUALS:
                    return checked(key, Operator.DOUBLE_EQUALS, exactValue());
                case NOT_EQUALS:
                    return checked(key, Operator.NOT_EQUALS, exactValue());
                case GREATER:
                    return checked(key, Operator.GREATER_THAN, exactValue());
                case LESS:
                    return checked(key, Operator.LESS_THAN, exactValue());
                case IN:
                    return checked(key, Operator.IN, valueSet());
                case NOT_IN:
                    return checked(key, Operator.NOT_IN, valueSet());
                default:
                    throw fail("found '" + show(op) + "', expected: in, notin, =, ==, !=, >, <");
            }
        }

        private List<String> exactValue() {
            Token t = peek();
            if (t.kind == Kind.END || t.kind == Kind.COMMA) {
                return List.of("");
            }
            next();
            if (!isWord(t)) {
                throw fail("found '" + show(t) + "', expected: identifier");
            }
            return List.of(t.text);
        }

        /** {@code ( v1, v2 )}; an empty entry is the empty value, so {@code ()} is {@code ("")}. */
        private List<String> valueSet() {
            Token open = next();
            if (open.kind != Kind.OPEN) {
                throw fail("found '" + show(open) + "', expected: '('");
            }
            List<String> values = new ArrayList<>();
            boolean expectValue = true;
            while (true) {
                Token t = next();
                if (t.kind == Kind.CLOSE) {
                    if (expectValue) {
                        values.add("");
                    }
                    return values;
                }
                if (t.kind == Kind.COMMA) {
                    if (expectValue) {
                        values.add("");
                    }
                    expectValue = true;
                } else if (isWord(t) && expectValue) {
                    values.add(t.text);
                    expectValue = false;
                } else {
                    throw fail("found '" + show(t) + "', expected: ',' or ')'");
                }
            }
        }

        private static Requirement checked(String key, Operator operator, List<String> values) {
            List<String> problems = Requirement.problems(key, operator, values);
            if (!problems.isEmpty()) {
                throw fail(String.join("; ", problems));
            }
            return new Requirement(key, operator, values);
        }

        private static IllegalArgumentException fail(String why) {
            return new IllegalArgumentException("unable to parse requirement: " + why);
        }

        private Token peek() {
            return tokens.get(position);
        }

        private Token next() {
            Token t = tokens.get(position);
            if (t.kind != Kind.END) {
                position++;
            }
            return t;
        }

        private static boolean isKeyStart(Token t) {
            return t.kind == Kind.IDENTIFIER || t.kind == Kind.BANG;
        }

        /** In value position the keywords are plain words: {@code a=in} is fine. */
        private static boolean isWord(Token t) {
            return t.kind == Kind.IDENTIFIER || t.kind == Kind.IN || t.kind == Kind.NOT_IN;
        }

        private static String show(Token t) {
            return t.kind == Kind.END ? "end of string" : t.text;
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static boolean isSpecial(char c) {
            return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
        }
    }
}
