package io.kubelix.api.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** The JSON codec of API objects. */
public final class Json {
    /** Compact, HTML-safe escaping off (Kubernetes does not escape &lt; or &amp;), nulls kept out. */
    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private Json() {
    }

    /**
     * Parses one JSON document strictly (no trailing content, no comments).
     *
     * @throws IllegalArgumentException with a message fit for a 400 reply when the text is not JSON
     */
    public static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("unexpected content after the JSON document");
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // Gson appends a troubleshooting URL that is noise to an API user.
            int see = why.indexOf("\nSee https://");
            throw new IllegalArgumentException("invalid JSON: " + (see > 0 ? why.substring(0, see) : why), e);
        }
    }

    /** Parses a JSON object; anything else is an {@link IllegalArgumentException}. */
    public static JsonObject parseObject(String text) {
        JsonElement element = parse(text);
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + describe(element));
        }
        return element.getAsJsonObject();
    }

    public static JsonObject parseObject(byte[] utf8) {
        return parseObject(new String(utf8, StandardCharsets.UTF_8));
    }

    public static String write(JsonElement element) {
        return GSON.toJson(element);
    }

    public static byte[] writeBytes(JsonElement element) {
        return GSON.toJson(element).getBytes(StandardCharsets.UTF_8);
    }

    public static String writePretty(JsonElement element) {
        return PRETTY.toJson(element);
    }

    private static String describe(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        return "a " + (e.getAsJsonPrimitive().isString() ? "string" : "scalar");
    }
}
