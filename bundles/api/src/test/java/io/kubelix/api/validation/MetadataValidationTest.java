package io.kubelix.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.resource.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataValidationTest {
    @Test
    void validLabelsHaveNoErrors() {
        assertEquals(List.of(), MetadataValidation.validateLabels(
                Map.of("app", "web", "app.kubernetes.io/version", "1.2.3", "empty", ""), "metadata.labels"));
        assertEquals(List.of(), MetadataValidation.validateLabels(null, "metadata.labels"));
    }

    @Test
    void badLabelKeyIsReportedAtTheLabelsPathWithTheKey() {
        List<FieldError> errors = MetadataValidation.validateLabels(Map.of("Bad Key", "x"), "metadata.labels");
        assertEquals(1, errors.size());
        FieldError e = errors.get(0);
        assertEquals(FieldError.INVALID, e.reason());
        assertEquals("metadata.labels", e.field());
        assertTrue(e.message().startsWith("Invalid value: \"Bad Key\": name part must consist of alphanumeric characters"),
                e.message());
    }

    @Test
    void badLabelValueIsReportedWithTheValue() {
        List<FieldError> errors = MetadataValidation.validateLabels(Map.of("app", "x".repeat(64)), "spec.template.metadata.labels");
        assertEquals(1, errors.size());
        assertEquals("spec.template.metadata.labels", errors.get(0).field());
        assertEquals("Invalid value: \"" + "x".repeat(64) + "\": must be no more than 63 characters", errors.get(0).message());
    }

    @Test
    void annotationKeysIgnoreCaseButNotSyntax() {
        assertEquals(List.of(), MetadataValidation.validateAnnotations(Map.of("Example.COM/Some-Key", "anything at all\n"),
                "metadata.annotations"));
        List<FieldError> errors = MetadataValidation.validateAnnotations(Map.of("bad key", "v"), "metadata.annotations");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().startsWith("Invalid value: \"bad key\": name part"));
    }

    @Test
    void annotationsMayTakeAtMost256KiB() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("a", "x".repeat(200_000));
        annotations.put("b", "y".repeat(262_144 - 200_000 - 2));
        assertEquals(List.of(), MetadataValidation.validateAnnotations(annotations, "metadata.annotations"));
        annotations.put("b", "y".repeat(262_144 - 200_000 - 1));
        List<FieldError> errors = MetadataValidation.validateAnnotations(annotations, "metadata.annotations");
        assertEquals(1, errors.size());
        assertEquals(FieldError.TOO_LONG, errors.get(0).reason());
        assertEquals("metadata.annotations", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("262144"), errors.get(0).message());
    }
}
