package dev.pulse.infrastructure.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void aCodedRefusalHasTheCodeAndTheSentence() {
        JsonObject body = ApiError.of("invalid_request", "days must be a whole number from 1 to 3650").toJson();
        assertEquals("{\"error\":\"invalid_request\",\"message\":\"days must be a whole number from 1 to 3650\"}", body.toString());
    }

    @Test
    void aSaidRefusalCarriesTheSentenceInBothFields() {
        // AccountsIT, ChatIT, CountBurstIT read the sentence in "error"; the pages read "message".
        JsonObject body = ApiError.said("Wrong username or password").toJson();
        assertEquals("Wrong username or password", body.getString("error"));
        assertEquals("Wrong username or password", body.getString("message"));
        assertEquals(2, body.size());
    }

    @Test
    void symbolsAreListedOnlyWhenGiven() {
        JsonObject unknown = new ApiError("unknown_symbols", "Unknown asset symbol: NOPE", List.of("NOPE")).toJson();
        assertEquals("{\"error\":\"unknown_symbols\",\"message\":\"Unknown asset symbol: NOPE\",\"symbols\":[\"NOPE\"]}",
                unknown.toString());
        assertFalse(ApiError.of("not_found", "No portfolio 7").toJson().containsKey("symbols"));
    }

    @Test
    void theSymbolsAreCopied() {
        List<String> symbols = new ArrayList<>(List.of("A"));
        ApiError error = new ApiError("unknown_symbols", "Unknown", symbols);
        symbols.add("B");
        assertEquals(List.of("A"), error.symbols());
    }

    @Test
    void errorAndMessageAreRequired() {
        assertThrows(NullPointerException.class, () -> ApiError.of(null, "text"));
        assertThrows(NullPointerException.class, () -> ApiError.of("code", null));
    }

    @Test
    void textIsEscapedAsJson() {
        JsonObject body = ApiError.said("Expected {\"username\": \"...\"}").toJson();
        assertEquals("{\"error\":\"Expected {\\\"username\\\": \\\"...\\\"}\",\"message\":\"Expected {\\\"username\\\": \\\"...\\\"}\"}",
                body.toString());
    }
}
