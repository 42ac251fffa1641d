package dev.pulse.infrastructure.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The one way a resource refuses a request: throw an {@code ApiProblem}; the answer is its status
 * and an {@link ApiError} body (plus {@code Retry-After} when given), passed through unchanged by
 * {@link ApiExceptionMapper}. A resource that answers asynchronously resumes with
 * {@link #getResponse()}.
 */
public class ApiProblem extends WebApplicationException {

    private final transient ApiError body;

    private ApiProblem(int status, ApiError body, Long retryAfterSeconds) {
        super(body.message(), null, response(status, body, retryAfterSeconds));
        this.body = body;
    }

    private static Response response(int status, ApiError body, Long retryAfterSeconds) {
        Response plain = body.response(status);
        return retryAfterSeconds == null ? plain
                : Response.fromResponse(plain).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    /** {@code status} with {@code {"error": code, "message": message}}. */
    public static ApiProblem of(int status, String code, String message) {
        return new ApiProblem(status, ApiError.of(code, message), null);
    }

    /** 400 {@code {"error": code, "message": message, "symbols": [...]}}. */
    public static ApiProblem withSymbols(String code, String message, List<String> symbols) {
        return new ApiProblem(400, new ApiError(code, message, symbols), null);
    }

    /** 400 {@code {"error": code, "message": message}}: the request itself is wrong. */
    public static ApiProblem badRequest(String code, String message) {
        return of(400, code, message);
    }

    /** {@code status} with {@code text} in both {@code error} and {@code message} ({@link ApiError#said}). */
    public static ApiProblem said(int status, String text) {
        return new ApiProblem(status, ApiError.said(text), null);
    }

    /** {@code status} (429, 409) with {@link ApiError#said} {@code text} and {@code Retry-After: seconds}. */
    public static ApiProblem retryAfter(int status, long seconds, String text) {
        return new ApiProblem(status, ApiError.said(text), seconds);
    }

    public ApiError body() {
        return body;
    }
}
