package dev.pulse.market.web;

import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerRequired;
import dev.pulse.market.feed.HistoricalBackfill;
import dev.pulse.market.feed.PriceUpdates;
import dev.pulse.market.feed.UnknownSymbolsException;
import dev.pulse.realtime.JsonCodec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Seed 001's {@code update_asset_prices} and {@code force_price_update} over HTTP, under
 * {@code /api/realtime/}. Price maintenance is for administrators; forcing an update, as seed 001's
 * session-authenticated view, for any logged-in user.
 */
@RequestScoped
@CallerRequired(admin = true)
@Path("realtime")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PriceCommands {

    @Inject
    PriceUpdates updates;

    @Inject
    HistoricalBackfill backfill;

    @Inject
    JsonCodec codec;

    /** {@code {"symbols": ["AAPL", "MSFT"]}}: reprice these now and broadcast them. */
    @POST
    @Path("force_price_update/")
    @CallerRequired
    public String forcePriceUpdate(String request) {
        JsonObject body = Requests.body(codec, request);
        List<String> symbols = Requests.symbols(body)
                .filter(list -> !list.isEmpty())
                .orElseThrow(() -> ApiProblem.badRequest("missing_symbols", "symbols is required: {\"symbols\": [\"AAPL\"]}"));
        return update(symbols, false);
    }

    /** {@code update_asset_prices [--symbols ...] [--dry-run]}: {@code {"symbols": [...], "dry_run": true}}. */
    @POST
    @Path("prices/update/")
    public String update(String request) {
        JsonObject body = Requests.body(codec, request);
        return update(Requests.symbols(body).orElse(List.of()), Requests.bool(body, "dry_run").orElse(false));
    }

    /** {@code update_asset_prices --historical --days N [--symbols ...] [--dry-run]}. */
    @POST
    @Path("prices/historical/")
    public String historical(String request) {
        JsonObject body = Requests.body(codec, request);
        double days = Requests.number(body, "days").orElse(30.0);
        if (days != Math.rint(days) || days < 1 || days > 3650) {
            throw ApiProblem.badRequest("invalid_request", "days must be a whole number from 1 to 3650");
        }
        try {
            return codec.encode(backfill.backfill(Requests.symbols(body).orElse(List.of()), (int) days,
                    Requests.bool(body, "dry_run").orElse(false)));
        } catch (UnknownSymbolsException e) {
            throw ApiProblem.withSymbols("unknown_symbols", e.getMessage(), e.symbols());
        }
    }

    private String update(List<String> symbols, boolean dryRun) {
        try {
            PriceUpdates.Report report = updates.update(symbols, dryRun);
            return codec.encode(new UpdateResult(dryRun ? "dry_run" : "success", report.dryRun(), report.symbols().size(),
                    report.quotes()));
        } catch (UnknownSymbolsException e) {
            throw ApiProblem.withSymbols("unknown_symbols", e.getMessage(), e.symbols());
        }
    }

    public record UpdateResult(String status, boolean dryRun, int count, List<dev.pulse.market.PriceQuote> updated) {
    }
}
