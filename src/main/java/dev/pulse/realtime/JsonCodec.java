package dev.pulse.realtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * JSON in and out of every endpoint, sockets and HTTP API alike: the one place JSON-B is
 * configured. Java names map to the seeds' snake_case keys ({@code changePercent} ->
 * {@code change_percent}), so message records read like Java. The JAX-RS resources bind with the
 * same {@link Jsonb} ({@link #jsonb()}, through {@code infrastructure.rest.JsonbResolver}).
 */
@ApplicationScoped
public class JsonCodec {

    /** Looked up once: {@code Json.createReader} finds the provider through ServiceLoader on every call. */

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    private volatile StrictJson decoder = new StrictJson(StrictJson.DEFAULT_MAX_BYTES, StrictJson.DEFAULT_MAX_DEPTH);

    @Inject
    void configure(RealtimeSettings settings) {
        decoder = new StrictJson(settings.maxMessageBytes(), settings.maxJsonDepth());
    }

    /**
     * JSON text that any UTF-8 socket or response can carry: a lone surrogate (from a string that
     * came in before input was checked) becomes U+FFFD instead of a frame the container cannot
     * encode, which would stall every frame queued behind it.
     */
    public String encode(Object message) {
        return StrictJson.wellFormed(jsonb.toJson(message));
    }

    /**
     * The configured binding, for JAX-RS's entity providers. Shared, thread-safe, closed with this
     * bean: callers do not close it.
     */
    public Jsonb jsonb() {
        return jsonb;
    }

    /** The strict, bounded decoder client input goes through (size, depth, one value, valid text). */
    public StrictJson decoder() {
        return decoder;
    }

    public <T> T decode(String text, Class<T> type) throws MalformedMessageException {
        requireText(text);
        try {
            return jsonb.fromJson(text, type);
        } catch (JsonbException e) {
            throw new MalformedMessageException("Malformed JSON: " + rootMessage(e), e);
        }
    }

    /** Parses client text that must be exactly one JSON object, through the strict decoder. */
    public JsonObject parseObject(String text) throws MalformedMessageException {
        return decoder.readObject(text);
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
