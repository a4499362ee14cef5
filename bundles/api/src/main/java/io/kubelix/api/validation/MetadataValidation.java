package io.kubelix.api.validation;

import io.kubelix.api.resource.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Validation of the metadata parts every object has, with Kubernetes' field paths and messages. */
public final class MetadataValidation {
    /** The most bytes all annotation keys and values of one object may take together. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private MetadataValidation() {
    }

    /**
     * Checks label keys (qualified names) and values. Each problem is reported at {@code fieldPath}
     * (for example {@code metadata.labels}) with the offending key or value, as Kubernetes does.
     */
    public static List<FieldError> validateLabels(Map<String, String> labels, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        if (labels == null) {
            return errors;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            errors.addAll(validateLabelKey(label.getKey(), fieldPath));
            String value = label.getValue() == null ? "" : label.getValue();
            for (String message : Names.isValidLabelValue(value)) {
                errors.add(FieldError.invalid(fieldPath, value, message));
            }
        }
        return errors;
    }

    /** Checks one label key, reporting problems at {@code fieldPath}. */
    public static List<FieldError> validateLabelKey(String key, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        for (String message : Names.isQualifiedName(key)) {
            errors.add(FieldError.invalid(fieldPath, key, message));
        }
        return errors;
    }

    /**
     * Checks annotation keys (qualified names, in any letter case) and the total size of keys and
     * values, {@value #TOTAL_ANNOTATION_SIZE_LIMIT} bytes at most.
     */
    public static List<FieldError> validateAnnotations(Map<String, String> annotations, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        if (annotations == null) {
            return errors;
        }
        long totalBytes = 0;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            String key = annotation.getKey();
            // Annotation keys follow the qualified-name rule except that letter case does not matter.
            for (String message : Names.isQualifiedName(key.toLowerCase(Locale.ROOT))) {
                errors.add(FieldError.invalid(fieldPath, key, message));
            }
            totalBytes += Names.utf8Length(key);
            if (annotation.getValue() != null) {
                totalBytes += Names.utf8Length(annotation.getValue());
            }
        }
        if (totalBytes > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errors.add(FieldError.tooLong(fieldPath, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errors;
    }
}
