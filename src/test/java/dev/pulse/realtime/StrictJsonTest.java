package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.realtime.MalformedMessageException.Kind;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private final StrictJson json = new StrictJson(64, 3);

    private MalformedMessageException refused(String text) {
        return assertThrows(MalformedMessageException.class, () -> json.read(text));
    }

    @Test
    void readsOneObjectWithNestingUpToTheLimit() throws Exception {
        JsonObject object = json.readObject("{\"a\":[{\"b\":\"\\ud83d\\ude00 \\u00e9\"}],\"n\":1.5,\"t\":true,\"z\":null}");
        assertEquals("\ud83d\ude00 \u00e9", object.getJsonArray("a").getJsonObject(0).getString("b"));
        assertEquals("1.5", object.get("n").toString());
    }

    @Test
    void refusesNestingPastTheLimit() {
        MalformedMessageException e = refused("[[[[]]]]");
        assertEquals(Kind.TOO_DEEP, e.kind());
        assertEquals("Malformed JSON: nested deeper than 3 levels", e.getMessage());
    }

    @Test
    void refusesAThousandLevelsWithoutRecursion() {
        StrictJson deep = new StrictJson(1 << 20, 32);
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> deep.read("[".repeat(100_000) + "]".repeat(100_000)));
        assertEquals("Malformed JSON: nested deeper than 32 levels", e.getMessage());
    }

    @Test
    void refusesTextAfterTheValue() {
        assertEquals("Malformed JSON: unexpected text after the JSON value", refused("{\"a\":1} garbage").getMessage());
        assertEquals("Malformed JSON: unexpected text after the JSON value", refused("{} {}").getMessage());
        assertEquals(Kind.SYNTAX, refused("{\"a\":1} x").kind());
    }

    @Test
    void refusesLoneSurrogatesInValuesAndKeys() {
        assertEquals("Invalid text: lone surrogate \\ud83d is not valid Unicode", refused("{\"m\":\"a\\ud83db\"}").getMessage());
        assertEquals("Invalid text: lone surrogate \\ude00 is not valid Unicode", refused("{\"\\ude00\":1}").getMessage());
        assertEquals(Kind.INVALID_TEXT, refused("[\"\\ud83d\"]").kind());
    }

    @Test
    void refusesNul() {
        assertEquals("Invalid text: NUL (\\u0000) is not allowed", refused("{\"s\":\"\\u0000AAPL\"}").getMessage());
    }

    @Test
    void refusesTextOverTheSizeLimitInUtf8Bytes() {
        assertEquals("Message is larger than 64 bytes", refused("[\"" + "\u00e9".repeat(32) + "\"]").getMessage());
        assertEquals(Kind.TOO_LARGE, refused("[\"" + "x".repeat(70) + "\"]").kind());
    }

    @Test
    void keepsTodaysMessagesForEmptyAndMalformedText() {
        assertEquals("Empty message: expected a JSON object", refused("  ").getMessage());
        assertEquals(Kind.SYNTAX, refused("{\"a\":").kind());
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> json.readObject("[1]"));
        assertEquals("Expected a JSON object, got array", e.getMessage());
    }

    @Test
    void wellFormedReplacesOnlyLoneSurrogates() {
        assertEquals("a\ufffdb \ud83d\ude00 \ufffd", StrictJson.wellFormed("a\ud83db \ud83d\ude00 \ude00"));
        assertEquals("plain", StrictJson.wellFormed("plain"));
    }
}
