package io.kubelix.api.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A field selector ({@code fieldSelector=metadata.name=web,status.phase!=Running}): a conjunction of
 * equality and inequality requirements on field values. Immutable and thread-safe.
 * <p>
 * In values, {@code \,} {@code \=} and {@code \\} stand for {@code ,} {@code =} and {@code \};
 * an unescaped {@code ,} separates requirements and an unescaped {@code =} in a value is an error.
 * Which fields a resource supports is the resource's business, not this class's.
 */
public final class FieldSelector {
    /** Selects every object. */
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public static final String EQUALS = "=";
    public static final String NOT_EQUALS = "!=";

    /**
     * One requirement: {@code operator} is {@value #EQUALS} or {@value #NOT_EQUALS}; {@code value}
     * is unescaped.
     */
    public record Requirement(String field, String operator, String value) {
        public Requirement {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            if (!EQUALS.equals(operator) && !NOT_EQUALS.equals(operator)) {
                throw new IllegalArgumentException("field selector operator must be '=' or '!=', not '" + operator + "'");
            }
        }

        /** Whether a field whose value is {@code actual} (null: absent, read as "") satisfies this requirement. */
        public boolean matches(String actual) {
            boolean equal = value.equals(actual == null ? "" : actual);
            return EQUALS.equals(operator) == equal;
        }

        /** {@code field=value} with the value escaped, as the query string carries it. */
        @Override
        public String toString() {
            return field + operator + escape(value);
        }
    }

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::field));
        this.requirements = List.copyOf(sorted);
    }

    /** A selector requiring all of {@code requirements}. */
    public static FieldSelector of(List<Requirement> requirements) {
        return requirements.isEmpty() ? EVERYTHING : new FieldSelector(requirements);
    }

    /**
     * Parses {@code a=b}, {@code a==b}, {@code a!=b}, joined by commas. Null or blank selects
     * everything; empty terms ({@code a=b,,c=d}) are skipped.
     *
     * @throws IllegalArgumentException for a term without operator, an unescaped {@code =} in a
     *                                  value, or a bad escape sequence
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            if (term.isEmpty()) {
                continue;
            }
            int at = operatorIndex(term);
            if (at < 0) {
                throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
            }
            String operator;
            int length;
            if (term.startsWith("!=", at)) {
                operator = NOT_EQUALS;
                length = 2;
            } else if (term.startsWith("==", at)) {
                operator = EQUALS;
                length = 2;
            } else {
                operator = EQUALS;
                length = 1;
            }
            String field = term.substring(0, at).trim();
            if (field.isEmpty()) {
                throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + term
                        + "': the field name is missing");
            }
            requirements.add(new Requirement(field, operator, unescape(term.substring(at + length))));
        }
        return of(requirements);
    }

    /**
     * Whether an object satisfies every requirement. {@code fieldValue} returns the value of a field
     * of the object, or null when the object has no such field (compared as "").
     */
    public boolean matches(Function<String, String> fieldValue) {
        for (Requirement r : requirements) {
            if (!r.matches(fieldValue.apply(r.field))) {
                return false;
            }
        }
        return true;
    }

    /** The requirements, sorted by field. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** The value the selector requires through {@code field=value}, if it does: handy for an index. */
    public Optional<String> exactValue(String field) {
        for (Requirement r : requirements) {
            if (r.field.equals(field) && EQUALS.equals(r.operator)) {
                return Optional.of(r.value);
            }
        }
        return Optional.empty();
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** The canonical string form: requirements sorted by field, values escaped. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(java.util.stream.Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** Escapes {@code \}, {@code ,} and {@code =} so that {@link #parse} reads the value back. */
    public static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == ',' || c == '=') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Splits on commas that are not escaped by a backslash; escapes stay in the terms. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /** Field names cannot be escaped, so the first {@code !=}, {@code ==} or {@code =} splits the term. */
    private static int operatorIndex(String term) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '=' || (c == '!' && term.startsWith("!=", i))) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\" + c
                            + " (only \\\\, \\, and \\= are allowed)");
                }
                b.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ',') {
                throw new IllegalArgumentException("invalid field selector: unescaped character in value: " + c
                        + " (write \\" + c + ")");
            } else {
                b.append(c);
            }
        }
        if (escaped) {
            throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\ at the end of the value");
        }
        return b.toString();
    }
}
