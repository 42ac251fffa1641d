package dev.pulse.market.live;

import dev.pulse.market.AssetCatalog;
import dev.pulse.market.Portfolio;
import dev.pulse.market.PortfolioValuation;
import dev.pulse.market.Quotes;
import dev.pulse.realtime.Channel;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.FrameDecoder;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.MalformedMessageException;
import dev.pulse.realtime.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The /ws/realtime/ protocol of seed 001: connection greeting, ping, asset and portfolio
 * subscriptions. Every bad frame is answered with an {@code error} message and the socket stays open.
 */
@ApplicationScoped
public class MarketChannel implements Channel<MarketFrame> {

    private static final String STATE = Subscriptions.class.getName();

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    FrameDecoder decoder;

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

    /** Greets a new socket; refused when its user already has the most sockets allowed. */
    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        if (!userConnections.admit(connection.user())) {
            return Optional.of(Refusal.policy("Too many connections for this user"));
        }
        connection.attributes().put(STATE, new Subscriptions());
        connections.add(connection);
        Long userId = connection.user() == null ? null : userId(connection.user());
        send(connection, RealtimeMessage.of("connection",
                new ConnectionInfo("connected", connection.id(), connection.user() != null, userId)));
        return Optional.empty();
    }

    @Override
    public void leave(Connection connection) {
        if (connections.remove(connection)) {
            userConnections.release(connection.user());
        }
    }

    @Override
    public void handle(Connection connection, MarketFrame frame) throws MalformedMessageException {
        try {
            switch (frame.type()) {
                case "ping" -> send(connection, RealtimeMessage.of("pong", Map.of()));
                case "subscribe_asset" -> subscribeAsset(connection, asset(frame));
                case "unsubscribe_asset" -> unsubscribeAsset(connection, asset(frame));
                case "subscribe_portfolio" -> subscribePortfolio(connection, portfolioId(frame));
                case "unsubscribe_portfolio" -> unsubscribePortfolio(connection, portfolioId(frame));
                default -> throw new Rejection("unknown_type", "Unknown message type: " + frame.type());
            }
        } catch (Rejection e) {
            send(connection, RealtimeMessage.error(e.code, e.getMessage()));
        }
    }

    /** Any other failure (logged by the core): {@code internal_error}. */
    @Override
    public String failed(Connection connection) {
        return codec.encode(RealtimeMessage.error("internal_error", "The server could not handle this message"));
    }

    /** Not JSON: invalid_json; a field missing: missing_field; a field of the wrong type or value: invalid_message. */
    @Override
    public String error(Connection connection, MalformedMessageException problem) {
        String code = switch (problem.kind()) {
            case MISSING -> "missing_field";
            case WRONG_TYPE, INVALID_VALUE -> "invalid_message";
            default -> "invalid_json";
        };
        return codec.encode(RealtimeMessage.error(code, problem.getMessage()));
    }

    private String asset(MarketFrame frame) throws MalformedMessageException {
        return decoder.bind(frame.dataOrEmpty(), MarketFrame.Asset.class, "data").normalized();
    }

    private long portfolioId(MarketFrame frame) throws MalformedMessageException {
        return decoder.bind(frame.dataOrEmpty(), MarketFrame.Portfolio.class, "data").id();
    }

    private void subscribeAsset(Connection connection, String symbol) {
        if (catalog.find(symbol).isEmpty()) {
            throw new Rejection("unknown_symbol", "Unknown asset symbol: " + symbol);
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
            throw new Rejection("not_subscribed", "Not subscribed to asset " + symbol);
        }
        hub.leave(MarketGroups.asset(symbol), connection);
        send(connection, RealtimeMessage.of("unsubscription_confirmed", Map.of("subscription_type", "asset", "symbol", symbol)));
    }

    private void subscribePortfolio(Connection connection, long id) {
        if (connection.user() == null) {
            throw new Rejection("not_authorized", "Log in to watch a portfolio");
        }
        Optional<Portfolio> portfolio = portfolios.portfolio(id);
        // Someone else's portfolio and a missing one look the same: ids reveal nothing.
        if (portfolio.isEmpty() || !portfolio.get().owner().equals(connection.user())) {
            throw new Rejection("not_authorized", "Portfolio " + id + " is not yours");
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
            throw new Rejection("not_subscribed", "Not subscribed to portfolio " + id);
        }
        hub.leave(MarketGroups.portfolio(id), connection);
        send(connection, RealtimeMessage.of("unsubscription_confirmed", Map.of("subscription_type", "portfolio", "portfolio_id", id)));
    }

    private void requireRoom(Subscriptions subscriptions) {
        if (subscriptions.size() >= maxSubscriptions) {
            throw new Rejection("subscription_limit", "At most " + maxSubscriptions + " subscriptions per connection");
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

    /** A frame this protocol rejects, with the error code the client gets. */
    static final class Rejection extends RuntimeException {
        final String code;

        Rejection(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
