package io.kubelix.console.impl.render;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Ages in the short form Kubernetes tools print: precise when young ({@code 45s}, {@code 3m20s}),
 * coarser as they grow ({@code 5h}, {@code 2d3h}, {@code 400d}, {@code 3y20d}).
 */
public final class Age {
    private Age() {
    }

    /** The age of an RFC 3339 timestamp at {@code now}; {@code <unknown>} when it is missing or unreadable. */
    public static String since(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return format(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    public static String format(Duration age) {
        long seconds = age.getSeconds();
        if (seconds < -1) {
            // A clock ahead of ours by more than rounding.
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return withRest(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return withRest(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            return withRest(days, "d", hours % 24, "h");
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (years < 8) {
            return withRest(years, "y", days % 365, "d");
        }
        return years + "y";
    }

    private static String withRest(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
    }
}
