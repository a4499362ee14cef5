package io.kubelix.kinds.builtin.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: objects from JSON text and assertions on field errors. */
final class Fixtures {
    private Fixtures() {
    }

    /** Parses JSON written with single quotes (easier to read in Java strings). */
    static JsonObject json(String text) {
        return Json.parseObject(text.replace('\'', '"'));
    }

    /** Defaults then validates, as the registry does on create. */
    static List<FieldError> create(ResourceStrategy strategy, JsonObject object) {
        strategy.applyDefaults(object);
        return strategy.validateCreate(object);
    }

    /** Defaults both then validates the update, as the registry does. */
    static List<FieldError> update(ResourceStrategy strategy, JsonObject object, JsonObject old) {
        strategy.applyDefaults(old);
        strategy.applyDefaults(object);
        return strategy.validateUpdate(object, old);
    }

    static JsonElement at(JsonObject root, String dottedPath) {
        return io.kubelix.api.json.Objects.path(root, dottedPath);
    }

    static String string(JsonObject root, String dottedPath) {
        JsonElement e = at(root, dottedPath);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static void assertError(List<FieldError> errors, String field, String messagePart) {
        for (FieldError e : errors) {
            if (e.field().equals(field) && e.message().contains(messagePart)) {
                return;
            }
        }
        fail("expected an error at " + field + " containing '" + messagePart + "', got:\n" + show(errors));
    }

    static void assertNoErrors(List<FieldError> errors) {
        assertTrue(errors.isEmpty(), () -> "expected no errors, got:\n" + show(errors));
    }

    static void assertNoErrorAt(List<FieldError> errors, String field) {
        assertTrue(errors.stream().noneMatch(e -> e.field().equals(field)),
                () -> "expected no error at " + field + ", got:\n" + show(errors));
    }

    static String show(List<FieldError> errors) {
        return errors.stream().map(e -> "  " + e.field() + ": " + e.message()).collect(Collectors.joining("\n"));
    }
}
