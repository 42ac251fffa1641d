package dev.pulse.market.web;

import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.market.Asset;
import dev.pulse.market.AssetCatalog;
import dev.pulse.market.Ohlc;
import dev.pulse.market.feed.FeedSettings;
import dev.pulse.realtime.JsonCodec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /api/market}: read-only market data for the pages, public like {@code /realtime/*}.
 * {@code GET /api/market} lists the catalog; {@code GET /api/market/{symbol}/history?points=N&interval=S}
 * answers what is stored for a symbol (its latest N price points and N candles of S seconds, the feed's
 * candle interval by default), so a chart opens with history and then continues from the socket.
 * An unknown symbol is a JSON 404, a bad {@code points} or {@code interval} a JSON 400.
 */
@RequestScoped
@Path("market")
@Produces(MediaType.APPLICATION_JSON)
public class MarketResource {

    static final int DEFAULT_POINTS = 300;
    static final int MAX_POINTS = 1000;
    static final int MAX_INTERVAL_SECONDS = 86_400;
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_.-]{1,20}");

    @Inject
    AssetCatalog catalog;

    @Inject
    MarketHistory history;

    @Inject
    FeedSettings feed;

    @Inject
    JsonCodec codec;

    public record AssetView(String symbol, String name, String type, double price) {
    }

    public record PriceAt(Instant time, double price) {
    }

    public record Bar(Instant time, double open, double high, double low, double close, long volume) {
    }

    public record History(String symbol, String name, int interval, List<PriceAt> prices, List<Bar> candles) {
    }

    @GET
    public Response assets() {
        List<AssetView> assets = catalog.all().stream()
                .map(a -> new AssetView(a.symbol(), a.name(), a.assetType(), a.currentPrice().doubleValue()))
                .toList();
        return fresh(Map.of("assets", assets));
    }

    @GET
    @Path("{symbol}/history")
    public Response history(@PathParam("symbol") String symbol, @QueryParam("points") String points,
                            @QueryParam("interval") String interval) {
        int limit = bounded("points", points, DEFAULT_POINTS, MAX_POINTS);
        int seconds = bounded("interval", interval, feed.candleSeconds(), MAX_INTERVAL_SECONDS);
        Optional<Asset> known = SYMBOL.matcher(symbol).matches()
                ? catalog.find(symbol.toUpperCase(Locale.ROOT)) : Optional.empty();
        Asset asset = known.orElseThrow(() -> ApiProblem.of(404, "not_found", "Unknown asset symbol: " + symbol));
        List<PriceAt> prices = history.prices(asset, limit).stream()
                .map(p -> new PriceAt(p.recordedAt(), p.price().doubleValue()))
                .toList();
        List<Bar> candles = history.candles(asset, seconds, limit).stream().map(MarketResource::bar).toList();
        return fresh(new History(asset.symbol(), asset.name(), seconds, prices, candles));
    }

    private static Bar bar(Ohlc ohlc) {
        return new Bar(ohlc.openTime(), ohlc.open().doubleValue(), ohlc.high().doubleValue(), ohlc.low().doubleValue(),
                ohlc.close().doubleValue(), ohlc.volume());
    }

    /** Live data: never cached by the browser or a proxy. */
    private Response fresh(Object body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(codec.encode(body)).cacheControl(noStore).build();
    }

    private static int bounded(String name, String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest("invalid_request", name + " must be a whole number from 1 to " + max);
    }
}
