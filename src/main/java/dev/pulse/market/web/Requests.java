package dev.pulse.market.web;

import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the optional fields of command bodies; a wrong type is a {@link ApiProblem} (400). */
final class Requests {

    private Requests() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonObject body(JsonCodec codec, String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return codec.parseObject(body);
        } catch (MalformedMessageException e) {
            throw ApiProblem.badRequest("invalid_json", e.getMessage());
        }
    }

    static Optional<List<String>> symbols(JsonObject body) {
        JsonValue value = body.get("symbols");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            // "AAPL MSFT" or "AAPL,MSFT", as typed after --symbols
            return Optional.of(normalize(List.of(((JsonString) value).getString().split("[\\s,]+"))));
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiProblem.badRequest("invalid_request", "symbols must be an array of strings");
        }
        List<String> symbols = new ArrayList<>();
        for (JsonValue item : (JsonArray) value) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw ApiProblem.badRequest("invalid_request", "symbols must be an array of strings");
            }
            symbols.add(((JsonString) item).getString());
        }
        return Optional.of(normalize(symbols));
    }

    private static List<String> normalize(List<String> symbols) {
        return symbols.stream().map(String::strip).filter(s -> !s.isEmpty()).map(String::toUpperCase).distinct().toList();
    }

    static Optional<Boolean> bool(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        throw ApiProblem.badRequest("invalid_request", key + " must be true or false");
    }

    static Optional<Double> number(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw ApiProblem.badRequest("invalid_request", key + " must be a number");
        }
        return Optional.of(((JsonNumber) value).doubleValue());
    }
}
