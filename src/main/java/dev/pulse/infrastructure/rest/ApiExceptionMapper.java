package dev.pulse.infrastructure.rest;

import dev.pulse.realtime.ClientGone;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * No API answer is an HTML error page. A refusal with a body (an {@link ApiProblem}) keeps it; one
 * without a body (JAX-RS's own 404, 405, 415...) gets the API's {@link ApiError} shape with the
 * status's code and reason phrase; a body the JSON binding could not map onto the resource's
 * type (a number where a string goes, an array for an object) is the client's 400; anything else
 * is our 500, logged once with its trace.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response response = web.getResponse();
            if (response.hasEntity()) {
                return response;
            }
            int status = response.getStatus();
            return ApiError.of(status, codeOf(status), response.getStatusInfo().getReasonPhrase());
        }
        if (isBindingFailure(failure)) {
            return ApiError.of(400, "invalid_request", "Request body does not have the expected fields and types");
        }
        if (ClientGone.is(failure)) {
            // The connection broke while we read or wrote it: nothing of ours failed.
            LOG.fine(() -> "API request ended by the client: " + failure);
            return ApiError.of(400, "bad_request", "The request could not be read");
        }
        LOG.log(Level.SEVERE, "API request failed", failure);
        return ApiError.of(500, "internal_error", "The server could not handle this request");
    }

    static boolean isBindingFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return true;
            }
            if (!(t instanceof ProcessingException) && t != failure) {
                return false;
            }
        }
        return false;
    }

    /** The code of a body-less refusal's status, e.g. 404 {@code not_found}. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "not_authenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }
}
