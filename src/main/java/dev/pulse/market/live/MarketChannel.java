package dev.pulse.market.live;

import dev.pulse.market.AssetCatalog;
import dev.pulse.market.Portfolio;
import dev.pulse.market.PortfolioValuation;
import dev.pulse.market.Quotes;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import dev.pulse.realtime.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The /ws/realtime/ protocol of seed 001: connection greeting, ping, asset and portfolio
 * subscriptions. Every bad frame is answered with an {@code error} message and the socket stays open.
 */
@ApplicationScoped
public class MarketChannel {

    private static final Logger LOG = Logger.getLogger(MarketChannel.class.getName());
    private static final String STATE = Subscriptions.class.getName();

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    AssetCatalog catalog;

    @Inject
    Quotes quotes;

    @Inject
    PortfolioValuation portfolios;

    @Inject
    Instance<UserDirectory> users;

    @Inject
    UserConnections userConnections;

    @Inject
    @ConfigProperty(name = "MAX_SUBSCRIPTIONS_PER_CONNECTION", defaultValue = "50")
    int maxSubscriptions;

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    /** Greets a new socket; false when its user already has the most sockets allowed. */
    public boolean open(Connection connection) {
        if (!userConnections.admit(connection.user())) {
            return false;
        }
        connection.attributes().put(STATE, new Subscriptions());
        connections.add(connection);
        Long userId = connection.user() == null ? null : userId(connection.user());
        send(connection, RealtimeMessage.of("connection",
                new ConnectionInfo("connected", connection.id(), connection.user() != null, userId)));
        return true;
    }

    public void close(Connection connection) {
        if (connections.remove(connection)) {
            userConnections.release(connection.user());
        }
    }

    public void receive(Connection connection, String text) {
        try {
            JsonObject frame = codec.parseObject(text);
            String type = text(frame, "type", "type");
            JsonObject data = data(frame);
            switch (type) {
                case "ping" -> send(connection, RealtimeMessage.of("pong", Map.of()));
                case "subscribe_asset" -> subscribeAsset(connection, symbol(data));
                case "unsubscribe_asset" -> unsubscribeAsset(connection, symbol(data));
                case "subscribe_portfolio" -> subscribePortfolio(connection, portfolioId(data));
                case "unsubscribe_portfolio" -> unsubscribePortfolio(connection, portfolioId(data));
                default -> throw new Refusal("unknown_type", "Unknown message type: " + type);
            }
        } catch (MalformedMessageException e) {
            send(connection, RealtimeMessage.error("invalid_json", e.getMessage()));
        } catch (Refusal e) {
            send(connection, RealtimeMessage.error(e.code, e.getMessage()));
        } catch (RuntimeException e) {
            // Our fault, not the client's: say so, keep the socket, and leave a trace.
            LOG.log(Level.WARNING, "realtime frame failed on " + connection, e);
            send(connection, RealtimeMessage.error("internal_error", "The server could not handle this message"));
        }
    }

    private void subscribeAsset(Connection connection, String symbol) {
        if (catalog.find(symbol).isEmpty()) {
            throw new Refusal("unknown_symbol", "Unknown asset symbol: " + symbol);
        }
        Subscriptions subscriptions = subscriptions(connection);
        synchronized (subscriptions) {
            if (!subscriptions.hasAsset(symbol)) {
                requireRoom(subscriptions);
                subscriptions.addAsset(symbol);
            }
        }
        hub.join(MarketGroups.asset(symbol), connection);
        send(connection, RealtimeMessage.of("subscription_confirmed", Map.of("subscription_type", "asset", "symbol", symbol)));
        quotes.current(symbol).ifPresent(quote ->
                connection.send(codec.encode(RealtimeMessage.of("asset_update", quote)), symbol));
    }

    private void unsubscribeAsset(Connection connection, String symbol) {
        if (!subscriptions(connection).removeAsset(symbol)) {
            throw new Refusal("not_subscribed", "Not subscribed to asset " + symbol);
        }
        hub.leave(MarketGroups.asset(symbol), connection);
        send(connection, RealtimeMessage.of("unsubscription_confirmed", Map.of("subscription_type", "asset", "symbol", symbol)));
    }

    private void subscribePortfolio(Connection connection, long id) {
        if (connection.user() == null) {
            throw new Refusal("not_authorized", "Log in to watch a portfolio");
        }
        Optional<Portfolio> portfolio = portfolios.portfolio(id);
        // Someone else's portfolio and a missing one look the same: ids reveal nothing.
        if (portfolio.isEmpty() || !portfolio.get().owner().equals(connection.user())) {
            throw new Refusal("not_authorized", "Portfolio " + id + " is not yours");
        }
        Subscriptions subscriptions = subscriptions(connection);
        synchronized (subscriptions) {
            if (!subscriptions.hasPortfolio(id)) {
                requireRoom(subscriptions);
                subscriptions.addPortfolio(id);
            }
        }
        hub.join(MarketGroups.portfolio(id), connection);
        send(connection, RealtimeMessage.of("subscription_confirmed", Map.of("subscription_type", "portfolio", "portfolio_id", id)));
        portfolios.value(id).ifPresent(value ->
                connection.send(codec.encode(RealtimeMessage.of("portfolio_update", value)), "portfolio:" + id));
    }

    private void unsubscribePortfolio(Connection connection, long id) {
        if (!subscriptions(connection).removePortfolio(id)) {
            throw new Refusal("not_subscribed", "Not subscribed to portfolio " + id);
        }
        hub.leave(MarketGroups.portfolio(id), connection);
        send(connection, RealtimeMessage.of("unsubscription_confirmed", Map.of("subscription_type", "portfolio", "portfolio_id", id)));
    }

    private void requireRoom(Subscriptions subscriptions) {
        if (subscriptions.size() >= maxSubscriptions) {
            throw new Refusal("subscription_limit", "At most " + maxSubscriptions + " subscriptions per connection");
        }
    }

    /** What this instance's /ws/realtime/ sockets are: counts and the logged-in users among them. */
    public InstanceStats snapshot() {
        int assets = 0;
        int portfolioCount = 0;
        Set<String> authenticated = new TreeSet<>();
        for (Connection connection : connections) {
            Subscriptions subscriptions = subscriptions(connection);
            assets += subscriptions.assets().size();
            portfolioCount += subscriptions.portfolios().size();
            if (connection.user() != null) {
                authenticated.add(connection.user());
            }
        }
        return new InstanceStats(connections.size(), portfolioCount, assets, List.copyOf(authenticated));
    }

    /**
     * The caller's own figures: the connection count the limit uses (every instance), the
     * subscriptions of its sockets on this instance; {@code user} may be null.
     */
    public RealtimeStats.User userStats(String user) {
        Set<Long> userPortfolios = new TreeSet<>();
        Set<String> userAssets = new TreeSet<>();
        if (user != null) {
            for (Connection connection : connections) {
                if (user.equals(connection.user())) {
                    Subscriptions subscriptions = subscriptions(connection);
                    userPortfolios.addAll(subscriptions.portfolios());
                    userAssets.addAll(subscriptions.assets());
                }
            }
        }
        return new RealtimeStats.User(userConnections.count(user),
                new RealtimeStats.Subscribed(List.copyOf(userPortfolios), List.copyOf(userAssets)));
    }

    public int connectionCount() {
        return connections.size();
    }

    private Long userId(String user) {
        return users.isResolvable() ? users.get().idOf(user).orElse(null) : null;
    }

    private void send(Connection connection, RealtimeMessage message) {
        connection.send(codec.encode(message));
    }

    private static Subscriptions subscriptions(Connection connection) {
        return (Subscriptions) connection.attributes().get(STATE);
    }

    private static JsonObject data(JsonObject frame) {
        JsonValue data = frame.get("data");
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refusal("invalid_message", "data must be a JSON object");
        }
        return data.asJsonObject();
    }

    private static String symbol(JsonObject data) {
        String symbol = text(data, "symbol", "data.symbol").strip().toUpperCase();
        if (symbol.isEmpty() || symbol.length() > 20) {
            throw new Refusal("invalid_message", "data.symbol must be 1 to 20 characters");
        }
        return symbol;
    }

    private static long portfolioId(JsonObject data) {
        JsonValue value = data.get("portfolio_id");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new Refusal("missing_field", "data.portfolio_id is required");
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER && ((JsonNumber) value).isIntegral()) {
            return ((JsonNumber) value).longValue();
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            try {
                return Long.parseLong(((JsonString) value).getString().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new Refusal("invalid_message", "data.portfolio_id must be an integer");
    }

    private static String text(JsonObject object, String key, String name) {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new Refusal("missing_field", name + " is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new Refusal("invalid_message", name + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    /** A frame this protocol refuses, with the error code the client gets. */
    static final class Refusal extends RuntimeException {
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
