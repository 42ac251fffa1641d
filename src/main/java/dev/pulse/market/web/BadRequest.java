package dev.pulse.market.web;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A command the API refuses, answered 400 with {@code {"error": code, "message": ...}}. */
class BadRequest extends WebApplicationException {

    BadRequest(String code, String message) {
        super(message, Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", code).add("message", message).build().toString())
                .build());
    }

    BadRequest(String code, String message, java.util.List<String> symbols) {
        super(message, Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", code).add("message", message)
                        .add("symbols", Json.createArrayBuilder(symbols)).build().toString())
                .build());
    }
}
