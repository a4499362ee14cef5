package io.kubelix.api.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes resource quantity such as {@code 500m}, {@code 1.5Gi} or {@code 1e3}. Immutable.
 * <p>
 * The value is exact ({@link BigDecimal}), except that, as in Kubernetes, a non-zero value is
 * rounded away from zero to whole nano units ({@code 1n}) when parsed, and binary quantities are
 * capped at 2<sup>63</sup>-1. Each quantity remembers the {@link Format} it was written in, which
 * {@link #toString()} keeps where it can show the value exactly. Equality is by value only.
 */
public final class Quantity implements Comparable<Quantity> {
    /** Kubernetes' wording for input that is not a quantity. */
    public static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTPE]*[-+]?[0-9]*)$'";
    public static final String SUFFIX_ERROR = "unable to parse quantity's suffix";
    public static final String NUMERIC_ERROR = "unable to parse numeric part of quantity";

    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

    private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal BINARY_UNIT = BigDecimal.valueOf(1024);
    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    /** How a quantity is written. */
    public enum Format {
        /** Powers of 1000 with n, u, m, k, M, G, T, P, E (and plain numbers). */
        DECIMAL_SI,
        /** Powers of 1024 with Ki, Mi, Gi, Ti, Pi, Ei. */
        BINARY_SI,
        /** Powers of ten written {@code 1e3}, {@code 5E-3}. */
        DECIMAL_EXPONENT
    }

    private final BigDecimal value;
    private final Format format;

    private Quantity(BigDecimal value, Format format) {
        this.value = value;
        this.format = format;
    }

    /** A quantity of exactly {@code value}, printed in {@code format} where that is exact. */
    public static Quantity of(BigDecimal value, Format format) {
        return new Quantity(Objects.requireNonNull(value, "value"), Objects.requireNonNull(format, "format"));
    }

    /** A whole number, printed in decimal SI form. */
    public static Quantity of(long value) {
        return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_SI);
    }

    /** {@code milli} thousandths, for example {@code ofMilli(250)} is {@code 250m}. */
    public static Quantity ofMilli(long milli) {
        return new Quantity(BigDecimal.valueOf(milli, 3), Format.DECIMAL_SI);
    }

    /**
     * Parses a quantity: an optionally signed decimal number then an optional suffix, binary
     * ({@code Ki}..{@code Ei}), decimal ({@code n u m k M G T P E}) or an exponent ({@code e3},
     * {@code E-2}).
     *
     * @throws IllegalArgumentException with Kubernetes' message ({@link #FORMAT_ERROR},
     *                                  {@link #SUFFIX_ERROR})
     */
    public static Quantity parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '+' || text.charAt(0) == '-') {
            negative = text.charAt(0) == '-';
            i++;
        }
        int numberStart = i;
        int digits = 0;
        int dots = 0;
        while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            if (text.charAt(i) == '.') {
                dots++;
            } else {
                digits++;
            }
            i++;
        }
        if (i == numberStart) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        String number = text.substring(numberStart, i);
        String suffix = text.substring(i);
        checkSuffixShape(suffix);
        if (dots > 1) {
            throw new IllegalArgumentException(NUMERIC_ERROR);
        }

        BigDecimal amount;
        try {
            // Kubernetes reads a lone "." as zero and "1." as one.
            amount = digits == 0 ? BigDecimal.ZERO : new BigDecimal(number.endsWith(".") ? number + "0" : number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(NUMERIC_ERROR, e);
        }
        Format format;
        int binaryIndex = indexOf(BINARY_SUFFIXES, suffix);
        int decimalIndex = indexOf(DECIMAL_SUFFIXES, suffix);
        if (!suffix.isEmpty() && binaryIndex > 0) {
            format = Format.BINARY_SI;
            amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(10 * binaryIndex)));
        } else if (decimalIndex >= 0) {
            format = Format.DECIMAL_SI;
            amount = amount.scaleByPowerOfTen(3 * (decimalIndex - 3));
        } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            int exponent;
            try {
                exponent = Integer.parseInt(suffix.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SUFFIX_ERROR, e);
            }
            // Beyond this the value cannot be a sensible resource amount and BigDecimal would strain.
            if (Math.abs(exponent) > 1000) {
                throw new IllegalArgumentException(SUFFIX_ERROR + ": exponent " + exponent + " is out of range");
            }
            format = Format.DECIMAL_EXPONENT;
            amount = amount.scaleByPowerOfTen(exponent);
        } else {
            throw new IllegalArgumentException(SUFFIX_ERROR);
        }

        // Anything smaller than a nano unit is rounded up: asking for a little should give a little.
        if (amount.signum() != 0) {
            amount = amount.setScale(9, RoundingMode.UP).stripTrailingZeros();
            if (amount.scale() < 0) {
                amount = amount.setScale(0);
            }
        } else {
            amount = BigDecimal.ZERO;
        }
        if (format == Format.BINARY_SI && amount.compareTo(MAX_BINARY) > 0) {
            amount = MAX_BINARY;
        }
        if (format == Format.BINARY_SI && amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
            format = Format.DECIMAL_SI;
        }
        return new Quantity(negative ? amount.negate() : amount, format);
    }

    /**
     * Reads a quantity from an API object field, which may hold a string ({@code "500m"}, surrounding
     * blanks ignored as Kubernetes does) or a JSON number ({@code 0.5}, {@code 1e3}).
     *
     * @throws IllegalArgumentException when the field holds anything else or an invalid quantity
     */
    public static Quantity fromJson(com.google.gson.JsonElement element) {
        if (element instanceof com.google.gson.JsonPrimitive p && (p.isString() || p.isNumber())) {
            return parse(p.isString() ? p.getAsString().strip() : p.getAsNumber().toString());
        }
        throw new IllegalArgumentException("a quantity must be a string or a number, not "
                + (element == null || element.isJsonNull() ? "null" : element.isJsonObject() ? "an object"
                : element.isJsonArray() ? "a list" : "a boolean"));
    }

    /** Kubernetes' error message for {@code text}, or empty when it is a valid quantity. */
    public static Optional<String> validate(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The exact value. */
    public BigDecimal value() {
        return value;
    }

    public Format format() {
        return format;
    }

    /** The value in thousandths, rounded away from zero ({@code 1.0001} gives 1001), saturating at the long range. */
    public long milliValue() {
        return scaled(value.movePointRight(3));
    }

    /** The value rounded away from zero to a whole number ({@code 100m} gives 1), saturating at the long range. */
    public long longValue() {
        return scaled(value);
    }

    public boolean isNegative() {
        return value.signum() < 0;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public int signum() {
        return value.signum();
    }

    /** The sum; it keeps this quantity's format unless this one is zero. */
    public Quantity add(Quantity other) {
        return new Quantity(value.add(other.value), isZero() ? other.format : format);
    }

    /** The difference; it keeps this quantity's format unless this one is zero. */
    public Quantity subtract(Quantity other) {
        return new Quantity(value.subtract(other.value), isZero() ? other.format : format);
    }

    public Quantity negate() {
        return new Quantity(value.negate(), format);
    }

    /** The same value printed in {@code newFormat} (where that is exact). */
    public Quantity withFormat(Format newFormat) {
        return new Quantity(value, Objects.requireNonNull(newFormat, "newFormat"));
    }

    /** The canonical string as a JSON value, the way quantities are stored in API objects. */
    public com.google.gson.JsonPrimitive toJson() {
        return new com.google.gson.JsonPrimitive(toString());
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && q.value.compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    /**
     * The canonical form Kubernetes prints: the smallest whole mantissa with the largest suffix
     * ({@code 1000m} is {@code 1}, {@code 0.5} is {@code 500m}, {@code 1024Ki} is {@code 1Mi},
     * {@code 1.5Gi} is {@code 1536Mi}). Binary quantities that are not whole or are below 1024 in
     * magnitude print in decimal SI, which shows them exactly.
     */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        Format shown = format;
        if (shown == Format.BINARY_SI) {
            boolean whole = value.stripTrailingZeros().scale() <= 0;
            if (value.abs().compareTo(BINARY_UNIT) < 0 || !whole) {
                shown = Format.DECIMAL_SI;
            }
        }
        if (shown == Format.BINARY_SI) {
            BigInteger mantissa = value.toBigIntegerExact();
            int power = 0;
            while (power < BINARY_SUFFIXES.length - 1 && mantissa.signum() != 0
                    && mantissa.getLowestSetBit() >= 10) {
                mantissa = mantissa.shiftRight(10);
                power++;
            }
            return mantissa + BINARY_SUFFIXES[power];
        }
        // Decimal: move factors of ten into the exponent, then lower it to a multiple of three.
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int remainder = Math.floorMod(exponent, 3);
        if (remainder != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(remainder));
            exponent -= remainder;
        }
        if (shown == Format.DECIMAL_EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        int index = exponent / 3 + 3;
        if (index < 0) {
            // Below nano units (only reachable through of()): the exponent form is exact.
            return mantissa + "e" + exponent;
        }
        if (index >= DECIMAL_SUFFIXES.length) {
            // No suffix beyond E (10^18): the exponent form keeps the magnitude, as Kubernetes prints it.
            return mantissa + "e" + exponent;
        }
        return mantissa + DECIMAL_SUFFIXES[index];
    }

    /** Kubernetes rejects these shapes before looking at the suffix's meaning. */
    private static void checkSuffixShape(String suffix) {
        int i = 0;
        int n = suffix.length();
        while (i < n && "eEinumkKMGTPE".indexOf(suffix.charAt(i)) >= 0) {
            i++;
        }
        if (i < n && (suffix.charAt(i) == '+' || suffix.charAt(i) == '-')) {
            i++;
        }
        while (i < n) {
            if (!isDigit(suffix.charAt(i))) {
                throw new IllegalArgumentException(FORMAT_ERROR);
            }
            i++;
        }
    }

    private static long scaled(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(0, RoundingMode.UP);
        if (rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (rounded.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return rounded.longValueExact();
    }

    private static int indexOf(String[] suffixes, String suffix) {
        for (int i = 0; i < suffixes.length; i++) {
            if (suffixes[i].equals(suffix)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
