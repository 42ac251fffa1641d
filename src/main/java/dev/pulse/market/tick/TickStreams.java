package dev.pulse.market.tick;

import dev.pulse.market.Asset;
import dev.pulse.market.AssetCatalog;
import dev.pulse.market.Ohlc;
import dev.pulse.market.GeometricBrownianMotion;
import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The /ws/tick/ simulator (seed 000): each beat of the {@link TickClock} EJB timer advances the
 * price path of every symbol someone watches, and streams ticks, candles and settled contracts to the
 * groups {@code tick_data_{client_id}} and {@code trade_updates_{client_id}}. Each tick frame is
 * encoded once per symbol, whatever the number of clients.
 */
@ApplicationScoped
public class TickStreams {

    private static final Logger LOG = Logger.getLogger(TickStreams.class.getName());

    @Inject
    TickSettings settings;

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    AssetCatalog catalog;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, TickPath> paths = new ConcurrentHashMap<>();
    private final Map<String, Ohlc> candles = new ConcurrentHashMap<>();
    private GeometricBrownianMotion model;
    private Random directions;

    /** One client id's streams; several sockets may share a client id, as Channels groups allow. */
    private final class Client {
        final String id;
        final Set<String> symbols = new LinkedHashSet<>();
        final TradeBook book = new TradeBook(settings.stake(), settings.payout());
        int sockets;
        String tradeSymbol;
        long tradeTicks;

        Client(String id) {
            this.id = id;
        }
    }

    public static String tickGroup(String clientId) {
        return "tick_data_" + clientId;
    }

    public static String tradeGroup(String clientId) {
        return "trade_updates_" + clientId;
    }

    @PostConstruct
    void init() {
        long seed = settings.seed();
        model = new GeometricBrownianMotion(seed, 0, settings.volatility());
        directions = new Random(seed ^ 0x7ade);
    }

    public void join(Connection connection, String clientId) {
        hub.join(tickGroup(clientId), connection);
        hub.join(tradeGroup(clientId), connection);
        clients.compute(clientId, (id, client) -> {
            Client joined = client == null ? new Client(id) : client;
            synchronized (joined) {
                joined.sockets++;
            }
            return joined;
        });
    }

    /** A socket left: when it was the client's last one, its streams stop. */
    public void leave(Connection connection, String clientId) {
        hub.leave(tickGroup(clientId), connection);
        hub.leave(tradeGroup(clientId), connection);
        clients.computeIfPresent(clientId, (id, client) -> {
            synchronized (client) {
                return --client.sockets <= 0 ? null : client;
            }
        });
    }

    /** Starts streaming {@code symbol}; empty when accepted, else the reason for the client. */
    public Optional<String> subscribeTicks(String clientId, String symbol) {
        Client client = clients.get(clientId);
        if (client == null) {
            return Optional.of("Not connected");
        }
        if (!ensurePath(symbol)) {
            return Optional.of("Unknown symbol: " + symbol);
        }
        synchronized (client) {
            if (!client.symbols.contains(symbol) && client.symbols.size() >= settings.maxSymbolsPerClient()) {
                return Optional.of("At most " + settings.maxSymbolsPerClient() + " symbols per client");
            }
            client.symbols.add(symbol);
        }
        return Optional.empty();
    }

    public boolean unsubscribeTicks(String clientId, String symbol) {
        Client client = clients.get(clientId);
        if (client == null) {
            return false;
        }
        synchronized (client) {
            return client.symbols.remove(symbol);
        }
    }

    /** Starts simulated contracts on the client's first watched symbol (the default symbol if none). */
    public Optional<String> showTradeResults(String clientId) {
        Client client = clients.get(clientId);
        if (client == null) {
            return Optional.of("Not connected");
        }
        String symbol;
        synchronized (client) {
            symbol = client.symbols.isEmpty() ? settings.defaultSymbol() : client.symbols.iterator().next();
        }
        if (!ensurePath(symbol)) {
            return Optional.of("Unknown symbol: " + symbol);
        }
        synchronized (client) {
            client.tradeSymbol = symbol;
            client.tradeTicks = 0;
        }
        return Optional.empty();
    }

    public void stopAll(String clientId) {
        Client client = clients.get(clientId);
        if (client != null) {
            synchronized (client) {
                client.symbols.clear();
                client.tradeSymbol = null;
                client.book.clear();
            }
        }
    }

    private boolean ensurePath(String symbol) {
        if (paths.containsKey(symbol)) {
            return true;
        }
        Optional<BigDecimal> start = catalog.find(symbol).map(Asset::currentPrice);
        start.ifPresent(price -> paths.computeIfAbsent(symbol, s -> new TickPath(s, price, model)));
        return start.isPresent();
    }

    /** One beat of the simulator; a failed beat is logged and the next one runs as usual. */
    void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tick simulation failed", e);
        }
    }

    void tick() {
        List<Client> active = List.copyOf(clients.values());
        if (active.isEmpty()) {
            return;
        }
        Set<String> watched = new LinkedHashSet<>();
        for (Client client : active) {
            synchronized (client) {
                watched.addAll(client.symbols);
                if (client.tradeSymbol != null) {
                    watched.add(client.tradeSymbol);
                }
            }
        }
        Instant now = Instant.now();
        Map<String, TickPath.Tick> ticks = new HashMap<>();
        Map<String, String[]> frames = new HashMap<>();
        for (String symbol : watched) {
            TickPath path = paths.get(symbol);
            if (path == null) {
                continue;
            }
            TickPath.Tick tick = path.advance();
            ticks.put(symbol, tick);
            Ohlc candle = candles.compute(symbol, (s, bar) -> bar == null
                    ? Ohlc.start(now, settings.candleSeconds(), tick.price(), 1)
                    : bar.add(now, tick.price(), 1));
            frames.put(symbol, new String[] {
                    codec.encode(new TickMessages.TickUpdate(symbol, tick.price(), now.toEpochMilli(), tick.index())),
                    codec.encode(new TickMessages.CandleUpdate(symbol, new TickMessages.CandleData(candle.open(),
                            candle.high(), candle.low(), candle.close(), candle.openTime().getEpochSecond(),
                            candle.intervalSeconds())))});
        }
        for (Client client : active) {
            deliver(client, ticks, frames);
        }
    }

    private void deliver(Client client, Map<String, TickPath.Tick> ticks, Map<String, String[]> frames) {
        List<String> symbols;
        List<TradeBook.Result> results = List.of();
        synchronized (client) {
            symbols = List.copyOf(client.symbols);
            TickPath.Tick tick = client.tradeSymbol == null ? null : ticks.get(client.tradeSymbol);
            if (tick != null) {
                results = client.book.settle(tick.symbol(), tick.index(), tick.price());
                if (client.tradeTicks++ % settings.tradeEveryTicks() == 0) {
                    TradeBook.Direction direction;
                    synchronized (directions) {
                        direction = directions.nextBoolean() ? TradeBook.Direction.CALL : TradeBook.Direction.PUT;
                    }
                    client.book.open(tick.symbol(), direction, tick.index(), tick.price(), settings.contractTicks());
                }
            }
        }
        for (String symbol : symbols) {
            String[] frame = frames.get(symbol);
            if (frame != null) {
                hub.broadcastText(tickGroup(client.id), frame[0], "tick:" + symbol);
                hub.broadcastText(tickGroup(client.id), frame[1], "candle:" + symbol);
            }
        }
        for (TradeBook.Result result : results) {
            hub.broadcast(tradeGroup(client.id), new TickMessages.TradeUpdate(result));
        }
    }
}
