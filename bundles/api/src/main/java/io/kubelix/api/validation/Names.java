package io.kubelix.api.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' syntax rules for names, keys and values. Every check returns the list of problems in
 * Kubernetes' wording (empty when the value is valid), so callers can wrap each message in a
 * {@link io.kubelix.api.resource.FieldError}.
 * <p>
 * The checks scan characters by hand instead of using regular expressions: the values come from
 * users, and backtracking regular expressions can take quadratic time on long hostile input.
 * Lengths are counted in UTF-8 bytes, as Kubernetes (Go) does.
 */
public final class Names {
    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    public static final int DNS1035_LABEL_MAX_LENGTH = 63;
    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    public static final int LABEL_VALUE_MAX_LENGTH = 63;
    public static final int PORT_NAME_MAX_LENGTH = 15;

    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
    static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";

    private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower "
            + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String CONFIG_MAP_KEY_MSG =
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private static final String C_IDENTIFIER_MSG = "a valid C identifier must start with alphabetic character "
            + "or '_', followed by a string of alphanumeric characters or '_'";
    private static final String ENV_VAR_NAME_MSG =
            "a valid environment variable name must consist only of printable ASCII characters other than '='";

    private Names() {
    }

    /** Names of most namespaced objects' parts, namespaces, and of container names. */
    public static List<String> isDns1123Label(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) {
            errors.add(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!dns1123Label(value, 0, value.length())) {
            if (dns1123Subdomain(value)) {
                // A valid subdomain that is not a label: the user put a dot in it.
                errors.add("must not contain dots");
            } else {
                errors.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errors;
    }

    /** Names of most objects (pods, config maps, deployments...). */
    public static List<String> isDns1123Subdomain(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!dns1123Subdomain(value)) {
            errors.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errors;
    }

    /** Service names: like a DNS-1123 label, but must start with a letter. */
    public static List<String> isDns1035Label(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) {
            errors.add(maxLengthError(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!dns1123Label(value, 0, value.length()) || !isLowerLetter(value.charAt(0))) {
            errors.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errors;
    }

    /** Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of up to 63 characters. */
    public static List<String> isQualifiedName(String value) {
        List<String> errors = new ArrayList<>();
        int slash = value.indexOf('/');
        String name = value;
        if (slash >= 0) {
            if (value.indexOf('/', slash + 1) >= 0) {
                errors.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
                        "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
            }
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errors.add("prefix part " + emptyError());
            } else {
                for (String message : isDns1123Subdomain(prefix)) {
                    errors.add("prefix part " + message);
                }
            }
        }
        if (name.isEmpty()) {
            errors.add("name part " + emptyError());
        } else if (utf8Length(name) > QUALIFIED_NAME_MAX_LENGTH) {
            errors.add("name part " + maxLengthError(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!qualifiedNamePart(name)) {
            errors.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
                    "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** Label values: empty, or up to 63 alphanumerics with '-', '_', '.' inside. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) {
            errors.add(maxLengthError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!value.isEmpty() && !qualifiedNamePart(value)) {
            errors.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /** Keys of ConfigMap and Secret data (they become file names when mounted). */
    public static List<String> isConfigMapKey(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        boolean ok = !value.isEmpty();
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = isAlphanumeric(c) || c == '-' || c == '.' || c == '_';
        }
        if (!ok) {
            errors.add(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        errors.addAll(dotDirectoryErrors(value));
        return errors;
    }

    /** Port names (IANA_SVC_NAME): up to 15 lower case alphanumerics and '-', with at least one letter. */
    public static List<String> isValidPortName(String port) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(port) > PORT_NAME_MAX_LENGTH) {
            errors.add(maxLengthError(PORT_NAME_MAX_LENGTH));
        }
        boolean charset = !port.isEmpty();
        boolean letter = false;
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            charset &= isLowerLetter(c) || isDigit(c) || c == '-';
            letter |= isLowerLetter(c);
        }
        if (!charset) {
            errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!letter) {
            errors.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errors.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errors.add("must not begin or end with a hyphen");
        }
        return errors;
    }

    /** Port numbers: 1 to 65535. */
    public static List<String> isValidPortNum(int port) {
        List<String> errors = new ArrayList<>();
        if (port < 1 || port > 65535) {
            errors.add(inclusiveRangeError(1, 65535));
        }
        return errors;
    }

    /** A C identifier, as used by some older fields and by config keys turned into variables. */
    public static List<String> isCIdentifier(String value) {
        List<String> errors = new ArrayList<>();
        boolean ok = !value.isEmpty() && (isLetter(value.charAt(0)) || value.charAt(0) == '_');
        for (int i = 1; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = isAlphanumeric(c) || c == '_';
        }
        if (!ok) {
            errors.add(regexError(C_IDENTIFIER_MSG, C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName"));
        }
        return errors;
    }

    /**
     * Environment variable names, with the relaxed rule of current Kubernetes: not empty, printable
     * ASCII only, no '='.
     */
    public static List<String> isEnvVarName(String value) {
        List<String> errors = new ArrayList<>();
        if (value.isEmpty()) {
            errors.add("environment variable name " + emptyError());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '=') {
                errors.add(ENV_VAR_NAME_MSG);
                break;
            }
        }
        return errors;
    }

    // Message builders with Kubernetes' wording, public so other validators phrase alike.

    public static String emptyError() {
        return "must be non-empty";
    }

    public static String maxLengthError(int length) {
        return "must be no more than " + length + " characters";
    }

    public static String inclusiveRangeError(long low, long high) {
        return "must be between " + low + " and " + high + ", inclusive";
    }

    /** The "must consist of ... (e.g. 'x',  or 'y', regex used for validation is '...')" message. */
    public static String regexError(String message, String regex, String... examples) {
        if (examples.length == 0) {
            return message + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder b = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                b.append(" or ");
            }
            b.append('\'').append(examples[i]).append("', ");
        }
        return b.append("regex used for validation is '").append(regex).append("')").toString();
    }

    /** The number of bytes {@code s} takes in UTF-8, without encoding it. */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static List<String> dotDirectoryErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (value.equals(".")) {
            errors.add("must not be '.'");
        } else if (value.equals("..")) {
            errors.add("must not be '..'");
        } else if (value.startsWith("..")) {
            errors.add("must not start with '..'");
        }
        return errors;
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} over {@code value[from, to)}. */
    private static boolean dns1123Label(String value, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(isLowerLetter(c) || isDigit(c) || (c == '-' && i != from && i != to - 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean dns1123Subdomain(String value) {
        int start = 0;
        while (true) {
            int dot = value.indexOf('.', start);
            int end = dot < 0 ? value.length() : dot;
            if (!dns1123Label(value, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
    private static boolean qualifiedNamePart(String value) {
        if (value.isEmpty() || !isAlphanumeric(value.charAt(0)) || !isAlphanumeric(value.charAt(value.length() - 1))) {
            return false;
        }
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (!(isAlphanumeric(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isLetter(char c) {
        return isLowerLetter(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isLetter(c) || isDigit(c);
    }
}
