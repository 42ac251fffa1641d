package dev.pulse.infrastructure.rest;

import dev.pulse.realtime.JsonCodec;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS binds request and response entities with the core's {@link Jsonb} ({@link JsonCodec#jsonb()}),
 * so the HTTP API and the sockets share one JSON-B configuration (snake_case names) instead of the
 * container's default one. No REST body changes by it: every type the resources bind has
 * one-word properties or an explicit {@code @JsonbProperty} (chat's {@code private},
 * {@code online_count}; account's {@code current_password}, {@code new_password}), and the market
 * resources already encoded through {@link JsonCodec}.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

    @Inject
    JsonCodec codec;

    @Override
    public Jsonb getContext(Class<?> type) {
        return codec.jsonb();
    }
}
