package io.kubelix.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    private static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String NAME_PART_MESSAGE = "name part must consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
            + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "my-name", "123-abc", "a-b-c", "a--b"})
    void acceptsDns1123Labels(String name) {
        assertEquals(List.of(), Names.isDns1123Label(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "My-Name", "a_b", "a b", "\u00e9t\u00e9", "a\n"})
    void rejectsBadDns1123LabelsWithKubernetesMessage(String name) {
        assertEquals(List.of(LABEL_MESSAGE), Names.isDns1123Label(name));
    }

    @Test
    void dns1123LabelWithDotsSaysSo() {
        assertEquals(List.of("must not contain dots"), Names.isDns1123Label("my.name"));
    }

    @Test
    void dns1123LabelLengthLimitIs63() {
        assertEquals(List.of(), Names.isDns1123Label("a".repeat(63)));
        assertEquals(List.of("must be no more than 63 characters"), Names.isDns1123Label("a".repeat(64)));
    }

    @Test
    void dns1123SubdomainRules() {
        assertEquals(List.of(), Names.isDns1123Subdomain("example.com"));
        assertEquals(List.of(), Names.isDns1123Subdomain("a-1.b-2.c"));
        assertEquals(List.of(SUBDOMAIN_MESSAGE), Names.isDns1123Subdomain("a..b"));
        assertEquals(List.of(SUBDOMAIN_MESSAGE), Names.isDns1123Subdomain(".a"));
        assertEquals(List.of(SUBDOMAIN_MESSAGE), Names.isDns1123Subdomain("a."));
        assertEquals(List.of(SUBDOMAIN_MESSAGE), Names.isDns1123Subdomain("Example.com"));
        assertEquals(List.of(SUBDOMAIN_MESSAGE), Names.isDns1123Subdomain(""));
    }

    @Test
    void dns1123SubdomainLengthLimitIs253() {
        String max = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertEquals(253, max.length());
        assertEquals(List.of(), Names.isDns1123Subdomain(max));
        assertEquals(List.of("must be no more than 253 characters"), Names.isDns1123Subdomain(max + "d"));
    }

    @Test
    void dns1035LabelMustStartWithALetter() {
        assertEquals(List.of(), Names.isDns1035Label("my-service"));
        List<String> errors = Names.isDns1035Label("1service");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                + "start with an alphabetic character, and end with an alphanumeric character"), errors.get(0));
        assertEquals(2, Names.isDns1035Label("1" + "a".repeat(63)).size());
    }

    @Test
    void qualifiedNames() {
        assertEquals(List.of(), Names.isQualifiedName("app"));
        assertEquals(List.of(), Names.isQualifiedName("App_Name.v1"));
        assertEquals(List.of(), Names.isQualifiedName("app.kubernetes.io/name"));
        assertEquals(List.of(NAME_PART_MESSAGE), Names.isQualifiedName("Bad Key"));
        assertEquals(List.of(NAME_PART_MESSAGE), Names.isQualifiedName("example.com/-x"));
        assertEquals(List.of("prefix part must be non-empty"), Names.isQualifiedName("/name"));
        assertEquals(List.of("name part must be non-empty", NAME_PART_MESSAGE), Names.isQualifiedName("example.com/"));
        assertEquals(List.of("prefix part " + SUBDOMAIN_MESSAGE), Names.isQualifiedName("Example.com/name"));
        List<String> several = Names.isQualifiedName("a/b/c");
        assertEquals(1, several.size());
        assertTrue(several.get(0).startsWith("a qualified name must consist of"), several.get(0));
        assertTrue(several.get(0).endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
    }

    @Test
    void qualifiedNamePartLengthLimitIs63() {
        assertEquals(List.of(), Names.isQualifiedName("example.com/" + "x".repeat(63)));
        assertEquals(List.of("name part must be no more than 63 characters"), Names.isQualifiedName("x".repeat(64)));
    }

    @Test
    void labelValues() {
        assertEquals(List.of(), Names.isValidLabelValue(""));
        assertEquals(List.of(), Names.isValidLabelValue("v1.2_3-x"));
        assertEquals(List.of(), Names.isValidLabelValue("x".repeat(63)));
        assertEquals(List.of("must be no more than 63 characters"), Names.isValidLabelValue("x".repeat(64)));
        List<String> errors = Names.isValidLabelValue("-x");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("a valid label must be an empty string or consist of alphanumeric characters"));
        assertEquals(1, Names.isValidLabelValue("a b").size());
    }

    @Test
    void configMapKeys() {
        assertEquals(List.of(), Names.isConfigMapKey("app.properties"));
        assertEquals(List.of(), Names.isConfigMapKey("KEY_NAME-1"));
        assertEquals(List.of(), Names.isConfigMapKey(".hidden"));
        assertEquals(List.of("must not be '.'"), Names.isConfigMapKey("."));
        assertEquals(List.of("must not be '..'"), Names.isConfigMapKey(".."));
        assertEquals(List.of("must not start with '..'"), Names.isConfigMapKey("..data"));
        assertTrue(Names.isConfigMapKey("a/b").get(0).startsWith("a valid config key must consist of alphanumeric characters"));
        assertEquals(List.of(), Names.isConfigMapKey("k".repeat(253)));
        assertEquals(List.of("must be no more than 253 characters"), Names.isConfigMapKey("k".repeat(254)));
    }

    @Test
    void portNames() {
        assertEquals(List.of(), Names.isValidPortName("http"));
        assertEquals(List.of(), Names.isValidPortName("h2c-8080"));
        assertEquals(List.of(), Names.isValidPortName("a".repeat(15)));
        assertEquals(List.of("must be no more than 15 characters"), Names.isValidPortName("a".repeat(16)));
        assertEquals(List.of("must contain at least one letter (a-z)"), Names.isValidPortName("8080"));
        assertEquals(List.of("must not contain consecutive hyphens"), Names.isValidPortName("a--b"));
        assertEquals(List.of("must not begin or end with a hyphen"), Names.isValidPortName("-a"));
        assertEquals(List.of("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
                Names.isValidPortName("Http"));
    }

    @Test
    void portNumbers() {
        assertEquals(List.of("must be between 1 and 65535, inclusive"), Names.isValidPortNum(0));
        assertEquals(List.of(), Names.isValidPortNum(1));
        assertEquals(List.of(), Names.isValidPortNum(65535));
        assertEquals(List.of("must be between 1 and 65535, inclusive"), Names.isValidPortNum(65536));
    }

    @Test
    void environmentVariableNamesAreRelaxed() {
        assertEquals(List.of(), Names.isEnvVarName("MY_VAR"));
        assertEquals(List.of(), Names.isEnvVarName("1st.var-name:x"));
        String message = "a valid environment variable name must consist only of printable ASCII characters other than '='";
        assertEquals(List.of(message), Names.isEnvVarName("A=B"));
        assertEquals(List.of(message), Names.isEnvVarName("tab\there"));
        assertEquals(List.of(message), Names.isEnvVarName("caf\u00e9"));
        assertEquals(List.of("environment variable name must be non-empty"), Names.isEnvVarName(""));
    }

    @Test
    void cIdentifiers() {
        assertEquals(List.of(), Names.isCIdentifier("_my_name1"));
        assertEquals(1, Names.isCIdentifier("1abc").size());
        assertEquals(1, Names.isCIdentifier("a-b").size());
        assertEquals(1, Names.isCIdentifier("").size());
    }

    @Test
    void lengthsAreCountedInUtf8Bytes() {
        assertEquals(3, Names.utf8Length("abc"));
        assertEquals(2, Names.utf8Length("\u00e9"));
        assertEquals(3, Names.utf8Length("\u20ac"));
        assertEquals(4, Names.utf8Length("\ud83d\ude00"));
        // 32 two-byte characters are 64 bytes: too long even though only 32 chars.
        assertTrue(Names.isValidLabelValue("\u00e9".repeat(32)).contains("must be no more than 63 characters"));
    }

    @Test
    void longHostileInputIsCheckedQuickly() {
        String hostile = "a-".repeat(200_000) + "!";
        long start = System.nanoTime();
        Names.isDns1123Subdomain(hostile);
        Names.isQualifiedName(hostile);
        Names.isValidLabelValue(hostile);
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }
}
