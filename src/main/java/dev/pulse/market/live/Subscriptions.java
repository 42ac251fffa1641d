package dev.pulse.market.live;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What one /ws/realtime/ connection watches. Guarded by its own monitor. */
final class Subscriptions {

    private final Set<String> assets = new TreeSet<>();
    private final Set<Long> portfolios = new TreeSet<>();

    synchronized int size() {
        return assets.size() + portfolios.size();
    }

    synchronized boolean addAsset(String symbol) {
        return assets.add(symbol);
    }

    synchronized boolean removeAsset(String symbol) {
        return assets.remove(symbol);
    }

    synchronized boolean hasAsset(String symbol) {
        return assets.contains(symbol);
    }

    synchronized boolean addPortfolio(long id) {
        return portfolios.add(id);
    }

    synchronized boolean removePortfolio(long id) {
        return portfolios.remove(id);
    }

    synchronized boolean hasPortfolio(long id) {
        return portfolios.contains(id);
    }

    synchronized List<String> assets() {
        return List.copyOf(assets);
    }

    synchronized List<Long> portfolios() {
        return List.copyOf(portfolios);
    }
}
