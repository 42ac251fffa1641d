package dev.pulse.infrastructure.rest;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's error body for refusals made before a resource runs: {@code {"error": code, "message": text}}. */
public final class ApiError {

    private ApiError() {
    }

    public static Response of(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", code).add("message", message).build().toString())
                .build();
    }
}
