package dev.pulse.market.web;

import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerRequired;
import dev.pulse.market.Asset;
import dev.pulse.market.AssetCatalog;
import dev.pulse.market.Portfolio;
import dev.pulse.market.PortfolioBook;
import dev.pulse.market.Position;
import dev.pulse.market.live.PortfolioUpdates;
import dev.pulse.market.PortfolioValuation;
import dev.pulse.market.PortfolioValue;
import dev.pulse.realtime.JsonCodec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/portfolios}: a logged-in user's portfolios. Only the owner sees or changes one
 * (403 for another user's, 404 for a missing one); anonymous callers get 401 ({@link dev.pulse.infrastructure.rest.CallerCheck}).
 */
@RequestScoped
@Path("portfolios")
@CallerRequired
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    private static final int MAX_NAME = 120;
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000000");
    private static final int QUANTITY_SCALE = 6;

    @Inject
    PortfolioBook book;

    @Inject
    AssetCatalog catalog;

    @Inject
    PortfolioUpdates updates;

    @Inject
    JsonCodec codec;

    @Context
    SecurityContext caller;

    public record Holding(String symbol, BigDecimal quantity, BigDecimal price, double value) {
    }

    public record PortfolioView(long id, String name, double totalValue, double dailyChange, double dailyChangePercent,
                                List<Holding> positions) {
    }

    /** {@code {"name": "Growth"}}. */
    @POST
    public Response create(String request) {
        JsonObject body = Requests.body(codec, request);
        String name = string(body, "name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiProblem.badRequest("invalid_request", "name must be 1 to " + MAX_NAME + " characters");
        }
        Portfolio portfolio = book.create(owner(), name);
        return Response.status(Response.Status.CREATED).entity(codec.encode(view(portfolio))).build();
    }

    @GET
    public String mine() {
        return codec.encode(Map.of("portfolios", book.ownedBy(owner()).stream().map(this::view).toList()));
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public String one(@PathParam("id") long id) {
        return codec.encode(view(owned(id)));
    }

    /** {@code {"symbol": "AAPL", "quantity": 10}}: adds or replaces the holding; quantity 0 removes it. */
    @POST
    @Path("{id: [0-9]{1,18}}/positions")
    public String hold(@PathParam("id") long id, String request) {
        Portfolio portfolio = owned(id);
        JsonObject body = Requests.body(codec, request);
        String symbol = string(body, "symbol").strip().toUpperCase();
        Asset asset = catalog.find(symbol)
                .orElseThrow(() -> ApiProblem.withSymbols("unknown_symbols", "Unknown asset symbol: " + symbol, List.of(symbol)));
        book.hold(portfolio.id(), asset, quantity(body));
        // Committed: watchers get the new value right away.
        updates.holdingsChanged(portfolio.id());
        return codec.encode(view(portfolio));
    }

    private Portfolio owned(long id) {
        Portfolio portfolio = book.find(id).orElseThrow(() -> ApiProblem.of(404, "not_found", "No portfolio " + id));
        if (!portfolio.owner().equals(owner())) {
            throw ApiProblem.of(403, "forbidden", "Portfolio " + id + " is not yours");
        }
        return portfolio;
    }

    private PortfolioView view(Portfolio portfolio) {
        List<Position> positions = book.positions(portfolio.id());
        PortfolioValue value = PortfolioValuation.value(portfolio, positions);
        List<Holding> holdings = positions.stream().map(p -> new Holding(p.asset().symbol(), plain(p.quantity()),
                        plain(p.asset().currentPrice()),
                        p.quantity().multiply(p.asset().currentPrice()).setScale(2, RoundingMode.HALF_UP).doubleValue()))
                .toList();
        return new PortfolioView(portfolio.id(), portfolio.name(), value.totalValue(), value.dailyChange(),
                value.dailyChangePercent(), holdings);
    }

    private String owner() {
        return caller.getUserPrincipal().getName();
    }

    private static BigDecimal plain(BigDecimal value) {
        return new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    private static BigDecimal quantity(JsonObject body) {
        JsonValue value = body.get("quantity");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiProblem.badRequest("missing_field", "quantity is required");
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw ApiProblem.badRequest("invalid_request", "quantity must be a number");
        }
        BigDecimal quantity = ((JsonNumber) value).bigDecimalValue();
        if (quantity.signum() < 0 || quantity.compareTo(MAX_QUANTITY) >= 0
                || quantity.stripTrailingZeros().scale() > QUANTITY_SCALE) {
            throw ApiProblem.badRequest("invalid_request",
                    "quantity must be from 0 to " + MAX_QUANTITY.toPlainString() + " with at most " + QUANTITY_SCALE + " decimals");
        }
        return quantity;
    }

    private static String string(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiProblem.badRequest("missing_field", key + " is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiProblem.badRequest("invalid_request", key + " must be a string");
        }
        return ((JsonString) value).getString();
    }
}
