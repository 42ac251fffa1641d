package dev.pulse.infrastructure.rest;

import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every JSON request body of the API goes through the core's strict decoder before a resource
 * binds it: at most {@code pulse.api.max-body-bytes}, valid UTF-8, one JSON value, bounded depth,
 * no lone surrogate or NUL. A body that fails is answered 400 (413 when too large) in the API's
 * error shape, so no resource, JSON-B binding or database ever sees it.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class JsonBodyCheck implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(JsonBodyCheck.class.getName());

    @Inject
    JsonCodec codec;

    @Inject
    @ConfigProperty(name = "pulse.api.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        if (!request.hasEntity() || (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                && !type.getSubtype().endsWith("+json"))) {
            return;
        }
        byte[] body;
        try {
            body = request.getEntityStream().readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            // The client went away or stopped sending mid-body: its doing, nothing to log loudly.
            LOG.fine(() -> "request body not read: " + e);
            request.abortWith(ApiError.of(400, "invalid_json", "Request body could not be read"));
            return;
        }
        if (body.length > maxBodyBytes) {
            request.abortWith(ApiError.of(413, "payload_too_large", "Request body is larger than " + maxBodyBytes + " bytes"));
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            request.abortWith(ApiError.of(400, "invalid_json", "Request body is not valid UTF-8"));
            return;
        }
        if (!text.isBlank()) {
            try {
                codec.decoder().read(text);
            } catch (MalformedMessageException e) {
                request.abortWith(ApiError.of(400, "invalid_json", e.getMessage()));
                return;
            }
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }
}
