package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonCodecTest {

    public record Update(String symbol, double changePercent) {
    }

    private final JsonCodec codec = new JsonCodec();

    @Test
    void writesSnakeCaseKeys() {
        assertEquals("{\"change_percent\":1.5,\"symbol\":\"AAPL\"}", codec.encode(new Update("AAPL", 1.5)));
    }

    @Test
    void readsSnakeCaseKeys() throws Exception {
        Update update = codec.decode("{\"symbol\":\"MSFT\",\"change_percent\":-2.0}", Update.class);
        assertEquals(new Update("MSFT", -2.0), update);
    }

    @Test
    void explainsMalformedJson() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.parseObject("{\"a\":"));
        assertTrue(e.getMessage().startsWith("Malformed JSON"), e.getMessage());
    }

    @Test
    void requiresAnObject() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.parseObject("[1,2]"));
        assertEquals("Expected a JSON object, got array", e.getMessage());
    }

    @Test
    void rejectsEmptyFrames() {
        assertThrows(MalformedMessageException.class, () -> codec.parseObject("  "));
    }
}
