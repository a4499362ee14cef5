package io.kubelix.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {
    private static final Map<String, String> POD = Map.of("metadata.name", "web-1", "metadata.namespace", "default",
            "status.phase", "Running", "spec.nodeName", "node-a");

    @Test
    void parsesAndMatchesEqualityAndInequality() {
        FieldSelector s = FieldSelector.parse("metadata.namespace=default,status.phase!=Pending");
        assertTrue(s.matches(POD::get));
        assertFalse(FieldSelector.parse("status.phase==Pending").matches(POD::get));
        assertTrue(FieldSelector.parse("status.phase!=Pending").matches(POD::get));
        assertEquals(List.of(new FieldSelector.Requirement("metadata.namespace", "=", "default"),
                new FieldSelector.Requirement("status.phase", "!=", "Pending")), s.requirements());
    }

    @Test
    void absentFieldReadsAsEmpty() {
        assertTrue(FieldSelector.parse("spec.schedulerName=").matches(POD::get));
        assertFalse(FieldSelector.parse("spec.nodeName=").matches(POD::get));
        assertTrue(FieldSelector.parse("spec.nodeName!=").matches(POD::get));
        assertFalse(FieldSelector.parse("spec.other!=").matches(POD::get));
    }

    @Test
    void escapedValuesAreUnescapedAndPrintedBackEscaped() {
        FieldSelector s = FieldSelector.parse("metadata.name=a\\,b\\=c\\\\d,status.phase=Running");
        assertEquals(Optional.of("a,b=c\\d"), s.exactValue("metadata.name"));
        assertTrue(s.matches(Map.of("metadata.name", "a,b=c\\d", "status.phase", "Running")::get));
        assertEquals("metadata.name=a\\,b\\=c\\\\d,status.phase=Running", s.toString());
        assertEquals(s, FieldSelector.parse(s.toString()));
    }

    @Test
    void canonicalFormSortsByField() {
        assertEquals("a=1,b!=2", FieldSelector.parse("b!=2,a==1").toString());
    }

    @Test
    void emptySelectsEverythingAndEmptyTermsAreSkipped() {
        assertTrue(FieldSelector.parse("").isEverything());
        assertTrue(FieldSelector.parse(null).isEverything());
        assertTrue(FieldSelector.parse(null).matches(f -> null));
        assertEquals(2, FieldSelector.parse("a=1,,b=2,").requirements().size());
    }

    @Test
    void rejectsBadSelectors() {
        String[][] cases = {
            {"metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"},
            {"a=1,b", "invalid selector: 'a=1,b'; can't understand 'b'"},
            {"a=b=c", "invalid field selector: unescaped character in value: = (write \\=)"},
            {"a=b\\x", "invalid field selector: invalid escape sequence: \\x (only \\\\, \\, and \\= are allowed)"},
            {"a=b\\", "invalid field selector: invalid escape sequence: \\ at the end of the value"},
            {"=x", "invalid selector: '=x'; can't understand '=x': the field name is missing"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldSelector.parse(c[0]), c[0]);
            assertEquals(c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void exactValueOnlyForEquality() {
        FieldSelector s = FieldSelector.parse("spec.nodeName=node-a,metadata.name!=x");
        assertEquals(Optional.of("node-a"), s.exactValue("spec.nodeName"));
        assertEquals(Optional.empty(), s.exactValue("metadata.name"));
        assertEquals(Optional.empty(), s.exactValue("status.phase"));
    }

    @Test
    void firstOperatorSplitsTheTerm() {
        FieldSelector s = FieldSelector.parse("a!=\\=b");
        assertEquals(List.of(new FieldSelector.Requirement("a", "!=", "=b")), s.requirements());
    }
}
