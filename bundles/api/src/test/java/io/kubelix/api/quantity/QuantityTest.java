package io.kubelix.api.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // decimal SI: smallest whole mantissa, exponent a multiple of three
        "0, 0", "-0, 0", "0Mi, 0", "0.000, 0",
        "1, 1", "+1, 1", "-1, -1", "1000m, 1", "0.5, 500m", "1.5, 1500m", "100m, 100m", "-100m, -100m",
        "1000, 1k", "1500, 1500", "15000, 15k", "1000k, 1M", "1M, 1M", "1E, 1E", "0.0015, 1500u",
        "0.1m, 100u", "1n, 1n", "1000n, 1u", "1.5k, 1500", "12.5M, 12500k", "1000E, 1e21", "5000E, 5e21", "1.01E, 1010P",
        // inputs Kubernetes accepts although nobody should write them
        "., 0", "-., 0", "1., 1", "1.G, 1G", ".001Ki, 1024m", ".000000000001Ki, 2n", "100.035k, 100035",
        // below a nano unit: rounded away from zero
        "0.1n, 1n", "-0.1n, -1n", "1.0000000001, 1000000001n",
        // binary SI: stays binary where exact and at least 1Ki
        "1Ki, 1Ki", "1024Ki, 1Mi", "1.5Gi, 1536Mi", "1.5Mi, 1536Ki", "2048Mi, 2Gi", "500Mi, 500Mi", "1536, 1536",
        "0.5Ki, 512", "1023, 1023", "0.1Ki, 102400m", "-2Gi, -2Gi", "1Ei, 1Ei",
        // exponent form
        "1e3, 1e3", "1E3, 1e3", "0.5e0, 500e-3", "1.1E-9, 2e-9", "1e21, 1e21", "1.5e3, 1500", "12e6, 12e6", "5E-3, 5e-3", "10e-1, 1", "1e+3, 1e3", "100e0, 100",
    })
    void canonicalFormIsLikeKubernetes(String input, String canonical) {
        assertEquals(canonical, Quantity.parse(input).toString());
        // The canonical form is a fixed point and has the same value.
        assertEquals(canonical, Quantity.parse(canonical).toString());
        assertEquals(Quantity.parse(input), Quantity.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "abc", "1x", "1.2.3x", "--1", "1 Gi", "Ki", "+", "..", "1Gi5x", "1.1.M", "1+1.0M", "0.1am", "0x10", "1,5"})
    void rejectsMalformedQuantities(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse(input));
        assertTrue(e.getMessage().equals(Quantity.FORMAT_ERROR) || e.getMessage().equals(Quantity.NUMERIC_ERROR),
                input + ": " + e.getMessage());
        assertEquals(Optional.of(e.getMessage()), Quantity.validate(input));
    }

    @Test
    void formatErrorIsKubernetesWording() {
        assertEquals("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTPE]*[-+]?[0-9]*)$'",
                assertThrows(IllegalArgumentException.class, () -> Quantity.parse("1x")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1kk", "1Ki3", "1e", "1K", "1ki", "1mi", "1Ti3", ".5i", "-3.01e-"})
    void rejectsUnknownSuffixes(String input) {
        assertEquals(Quantity.SUFFIX_ERROR,
                assertThrows(IllegalArgumentException.class, () -> Quantity.parse(input)).getMessage());
    }

    @Test
    void validateAcceptsGoodQuantities() {
        assertEquals(Optional.empty(), Quantity.validate("250m"));
        assertEquals(Optional.empty(), Quantity.validate("64Mi"));
    }

    @Test
    void valuesAreExact() {
        assertEquals(0, new BigDecimal("1610612736").compareTo(Quantity.parse("1.5Gi").value()));
        assertEquals(0, new BigDecimal("0.001").compareTo(Quantity.parse("1m").value()));
        assertEquals(0, new BigDecimal("1e18").compareTo(Quantity.parse("1E").value()));
        assertEquals(Quantity.parse("0.1").add(Quantity.parse("0.2")), Quantity.parse("0.3"));
    }

    @Test
    void milliAndLongValuesRoundAwayFromZero() {
        assertEquals(100, Quantity.parse("100m").milliValue());
        assertEquals(1000, Quantity.parse("1").milliValue());
        assertEquals(1001, Quantity.parse("1.0001").milliValue());
        assertEquals(-1001, Quantity.parse("-1.0001").milliValue());
        assertEquals(1, Quantity.parse("1n").milliValue());
        assertEquals(1, Quantity.parse("100m").longValue());
        assertEquals(-1, Quantity.parse("-100m").longValue());
        assertEquals(1073741824L, Quantity.parse("1Gi").longValue());
        assertEquals(2, Quantity.parse("2").longValue());
        assertEquals(Long.MAX_VALUE, Quantity.parse("100E").milliValue());
        assertEquals(Long.MIN_VALUE, Quantity.parse("-100E").milliValue());
    }

    @Test
    void equalityAndOrderAreByValue() {
        assertEquals(Quantity.parse("1Gi"), Quantity.parse("1073741824"));
        assertEquals(Quantity.parse("1Gi").hashCode(), Quantity.parse("1073741824").hashCode());
        assertEquals(Quantity.parse("1000m"), Quantity.parse("1"));
        assertEquals(Quantity.parse("1000m").hashCode(), Quantity.parse("1").hashCode());
        assertEquals(Quantity.parse("1e3"), Quantity.parse("1k"));
        assertNotEquals(Quantity.parse("1Ki"), Quantity.parse("1k"));
        assertTrue(Quantity.parse("1Ki").compareTo(Quantity.parse("1k")) > 0);
        assertTrue(Quantity.parse("999m").compareTo(Quantity.parse("1")) < 0);
        assertEquals(0, Quantity.parse("0.5").compareTo(Quantity.parse("500m")));
    }

    @Test
    void arithmeticKeepsTheFormatOfTheLeftSide() {
        assertEquals("1", Quantity.parse("100m").add(Quantity.parse("900m")).toString());
        assertEquals("1536Mi", Quantity.parse("1Gi").add(Quantity.parse("512Mi")).toString());
        assertEquals("1Gi", Quantity.ZERO.add(Quantity.parse("1Gi")).toString());
        assertEquals("-500m", Quantity.parse("0.5").subtract(Quantity.parse("1")).toString());
        assertTrue(Quantity.parse("0.5").subtract(Quantity.parse("1")).isNegative());
        assertFalse(Quantity.parse("0").isNegative());
        assertTrue(Quantity.parse("-0").isZero());
        assertEquals("-1Gi", Quantity.parse("1Gi").negate().toString());
    }

    @Test
    void binaryQuantitiesAreCappedAtTheLongRange() {
        assertEquals(Long.MAX_VALUE, Quantity.parse("16Ei").longValue());
        assertEquals(Quantity.Format.BINARY_SI, Quantity.parse("16Ei").format());
    }

    @Test
    void zeroKeepsItsFormat() {
        assertEquals(Quantity.Format.BINARY_SI, Quantity.parse("0Ki").format());
        assertEquals("1Gi", Quantity.parse("0Mi").add(Quantity.parse("1Gi")).toString());
        assertEquals("100m", Quantity.parse("100m").add(Quantity.parse("0")).toString());
    }

    @Test
    void readsStringsAndNumbersFromJson() {
        assertEquals("500m", Quantity.fromJson(new com.google.gson.JsonPrimitive(" 500m ")).toString());
        assertEquals("500m", Quantity.fromJson(new com.google.gson.JsonPrimitive(0.5)).toString());
        assertEquals("2", Quantity.fromJson(new com.google.gson.JsonPrimitive(2)).toString());
        assertEquals("1e3", Quantity.fromJson(io.kubelix.api.json.Json.parse("1e3")).toString());
        assertEquals(new com.google.gson.JsonPrimitive("1536Mi"), Quantity.parse("1.5Gi").toJson());
        assertThrows(IllegalArgumentException.class, () -> Quantity.fromJson(new com.google.gson.JsonPrimitive(true)));
        assertThrows(IllegalArgumentException.class, () -> Quantity.fromJson(null));
        assertThrows(IllegalArgumentException.class, () -> Quantity.fromJson(new com.google.gson.JsonObject()));
    }

    @Test
    void factories() {
        assertEquals("250m", Quantity.ofMilli(250).toString());
        assertEquals("2k", Quantity.of(2000).toString());
        assertEquals("1Mi", Quantity.of(new BigDecimal(1048576), Quantity.Format.BINARY_SI).toString());
        assertEquals("1048576", Quantity.parse("1Mi").withFormat(Quantity.Format.DECIMAL_EXPONENT).toString());
        assertEquals("1500u", Quantity.of(new BigDecimal("0.0015"), Quantity.Format.DECIMAL_SI).toString());
        assertEquals("1e-12", Quantity.of(new BigDecimal("1e-12"), Quantity.Format.DECIMAL_SI).toString());
    }
}
