package dev.pulse.realtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.io.StringReader;

/**
 * JSON in and out of every endpoint. Java names map to the seeds' snake_case keys
 * ({@code changePercent} -> {@code change_percent}), so message records read like Java.
 */
@ApplicationScoped
public class JsonCodec {

    /** Looked up once: {@code Json.createReader} finds the provider through ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    public String encode(Object message) {
        return jsonb.toJson(message);
    }

    public <T> T decode(String text, Class<T> type) throws MalformedMessageException {
        requireText(text);
        try {
            return jsonb.fromJson(text, type);
        } catch (JsonbException e) {
            throw new MalformedMessageException("Malformed JSON: " + rootMessage(e), e);
        }
    }

    /** Parses a frame that must be a JSON object. */
    public JsonObject parseObject(String text) throws MalformedMessageException {
        requireText(text);
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedMessageException("Expected a JSON object, got " + value.getValueType().name().toLowerCase());
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new MalformedMessageException("Malformed JSON: " + rootMessage(e), e);
        }
    }

    private static void requireText(String text) throws MalformedMessageException {
        if (text == null || text.isBlank()) {
            throw new MalformedMessageException("Empty message: expected a JSON object");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing useful to do at shutdown
        }
    }
}
