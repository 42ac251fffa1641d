package dev.pulse.market.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.market.PriceQuote;
import dev.pulse.realtime.JsonCodec;
import org.junit.jupiter.api.Test;

class FeedStateTest {

    @Test
    void eachCommandIsNewerThanTheStateItFollows() {
        FeedState current = new FeedState(true, 30_000, 50, false, Long.MAX_VALUE - 10);
        FeedState next = FeedState.of(false, 30_000, 50, false).after(current);
        assertTrue(next.revision() > current.revision());
        FeedState initial = FeedState.of(true, 30_000, 50, false);
        assertTrue(FeedState.of(true, 200, 5, true).after(initial).revision() > initial.revision());
    }

    @Test
    void commandsAndQuotesSurviveTheTripThroughTheClusterAsJson() throws Exception {
        JsonCodec codec = new JsonCodec();
        FeedState state = new FeedState(true, 200, 7, true, 1234);
        assertEquals(state, codec.decode(codec.encode(state), FeedState.class));
        PriceQuote quote = new PriceQuote("AAPL", 150.25, 2.5, 1.69, 50_000_000, 151.0, 148.5);
        String json = codec.encode(quote);
        assertTrue(json.contains("\"change_percent\":1.69"), json);
        assertEquals(quote, codec.decode(json, PriceQuote.class));
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> FeedState.of(true, 0, 50, false));
        assertThrows(IllegalArgumentException.class, () -> FeedState.of(true, 100, 0, false));
    }
}
