package dev.pulse.infrastructure.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;

/**
 * The API's one error body: {@code {"error": ..., "message": ..., "symbols": [...]}}, the last only
 * when the refusal names symbols. Every refusal of {@code /api} is this shape, whoever makes it: a
 * resource ({@link ApiProblem}), a filter ({@link CallerCheck}, {@link JsonBodyCheck},
 * {@link ApiRequestLineFilter}) or the {@link ApiExceptionMapper}.
 *
 * <p>{@code message} is always the sentence for a person. {@code error} has two dialects, because
 * the clients already deployed read it two ways (no seed documents an HTTP error body; the
 * contract is the integration tests and the pages):
 * <ul>
 * <li>a stable code ({@code not_authenticated}, {@code invalid_json}, {@code unknown_symbols}, ...)
 *     on the core's refusals and the market API ({@code MarketRealtimeIT}, {@code FeedControlIT},
 *     {@code BadInputIT}; {@code market/dashboard.js} shows {@code message});</li>
 * <li>the sentence itself, the same text as {@code message}, on the refusals the account, chat and
 *     notification resources make themselves ({@code AccountsIT}, {@code AccountSecurityIT},
 *     {@code ChatIT}, {@code CountBurstIT}, {@code BurstLimitIT} assert the text in {@code error},
 *     and older copies of their pages show {@code error}). See {@link #said(String)}.</li>
 * </ul>
 * {@code symbols} is seed 001's list ({@code POST /api/realtime/force_price_update/ {"symbols": [...]}}):
 * with {@code unknown_symbols} it lists the symbols that were not known.
 */
public record ApiError(String error, String message, List<String> symbols) {

    public ApiError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        symbols = symbols == null ? null : List.copyOf(symbols);
    }

    /** A refusal with a machine-readable {@code code} and a sentence. */
    public static ApiError of(String code, String message) {
        return new ApiError(code, message, null);
    }

    /** A refusal whose clients read the sentence in {@code error}: both fields carry {@code text}. */
    public static ApiError said(String text) {
        return new ApiError(text, text, null);
    }

    /** The body as JSON: {@code error}, {@code message}, then {@code symbols} if there are any. */
    public JsonObject toJson() {
        JsonObjectBuilder body = Json.createObjectBuilder().add("error", error).add("message", message);
        if (symbols != null) {
            body.add("symbols", Json.createArrayBuilder(symbols));
        }
        return body.build();
    }

    /** This body as a JSON response with {@code status}. */
    public Response response(int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(toJson().toString()).build();
    }

    /** The core's refusal {@code {"error": code, "message": message}} as a response. */
    public static Response of(int status, String code, String message) {
        return of(code, message).response(status);
    }
}
