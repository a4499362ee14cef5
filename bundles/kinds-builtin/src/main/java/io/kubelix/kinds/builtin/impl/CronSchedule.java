package io.kubelix.kinds.builtin.impl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of a CronJob schedule: five fields (minute hour day-of-month month day-of-week) with
 * lists, ranges, steps and month/day names, or a macro such as {@code @hourly} or
 * {@code @every 1h30m}, as the CronJob controller accepts them.
 */
final class CronSchedule {
    private static final List<String> MACROS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private record Field(String name, int min, int max, List<String> names, int firstNameValue) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of(), 0),
            new Field("hour", 0, 23, List.of(), 0),
            new Field("day of month", 1, 31, List.of(), 0),
            new Field("month", 1, 12, MONTHS, 1),
            new Field("day of week", 0, 6, DAYS, 0));

    private CronSchedule() {
    }

    /** Why the schedule is not valid, or empty when it is. */
    static Optional<String> problem(String schedule) {
        String s = schedule.strip();
        if (s.isEmpty()) {
            return Optional.of("empty schedule");
        }
        if (s.startsWith("@")) {
            if (MACROS.contains(s.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            if (s.startsWith("@every ")) {
                String d = s.substring("@every ".length()).strip();
                return DURATION.matcher(d).matches() ? Optional.empty()
                        : Optional.of("failed to parse duration " + d + ": use a duration such as 90s, 15m or 1h30m");
            }
            return Optional.of("unrecognized descriptor: " + s + " (known: " + String.join(", ", MACROS) + ", @every <duration>)");
        }
        String[] parts = s.split("\\s+");
        if (parts.length != FIELDS.size()) {
            return Optional.of("expected exactly 5 fields (minute hour day-of-month month day-of-week), found "
                    + parts.length + ": " + s);
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<String> p = field(parts[i], FIELDS.get(i));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(String text, Field f) {
        for (String item : text.split(",", -1)) {
            Optional<String> p = item(item, f);
            if (p.isPresent()) {
                return p.map(m -> f.name() + " field: " + m);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> item(String item, Field f) {
        if (item.isEmpty()) {
            return Optional.of("empty list item");
        }
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String step = item.substring(slash + 1);
            Integer n = number(step);
            if (n == null || n <= 0) {
                return Optional.of("invalid step '" + step + "' in " + item + ": must be a positive number");
            }
        }
        if (range.equals("*") || range.equals("?")) {
            return Optional.empty();
        }
        int dash = range.indexOf('-');
        String low = dash >= 0 ? range.substring(0, dash) : range;
        String high = dash >= 0 ? range.substring(dash + 1) : null;
        Integer from = value(low, f);
        if (from == null) {
            return Optional.of("invalid value '" + low + "'");
        }
        if (from < f.min() || from > f.max()) {
            return Optional.of(from + " is outside " + f.min() + "-" + f.max());
        }
        if (high != null) {
            Integer to = value(high, f);
            if (to == null) {
                return Optional.of("invalid value '" + high + "'");
            }
            if (to < f.min() || to > f.max()) {
                return Optional.of(to + " is outside " + f.min() + "-" + f.max());
            }
            if (to < from) {
                return Optional.of("beginning of range (" + from + ") beyond end of range (" + to + "): " + range);
            }
        }
        return Optional.empty();
    }

    private static Integer value(String text, Field f) {
        int named = f.names().indexOf(text.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + f.firstNameValue();
        }
        return number(text);
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
