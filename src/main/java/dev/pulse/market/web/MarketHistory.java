package dev.pulse.market.web;

import dev.pulse.market.Asset;
import dev.pulse.market.Candle;
import dev.pulse.market.Ohlc;
import dev.pulse.market.PricePoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads what the feed stored for an asset: its latest price points and candles, oldest first. Read only. */
@ApplicationScoped
public class MarketHistory {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    /** The {@code limit} most recent price points of {@code asset}, in time order. */
    public List<PricePoint> prices(Asset asset, int limit) {
        List<PricePoint> newestFirst = em.createQuery("select p from PricePoint p where p.asset = :asset"
                        + " order by p.recordedAt desc, p.id desc", PricePoint.class)
                .setParameter("asset", asset)
                .setMaxResults(limit)
                .getResultList();
        List<PricePoint> ordered = new ArrayList<>(newestFirst);
        Collections.reverse(ordered);
        return ordered;
    }

    /** The {@code limit} most recent candles of {@code intervalSeconds} of {@code asset}, in time order. */
    public List<Ohlc> candles(Asset asset, int intervalSeconds, int limit) {
        List<Candle> newestFirst = em.createQuery("select c from Candle c where c.asset = :asset"
                        + " and c.intervalSeconds = :interval order by c.openTime desc", Candle.class)
                .setParameter("asset", asset)
                .setParameter("interval", intervalSeconds)
                .setMaxResults(limit)
                .getResultList();
        List<Ohlc> ordered = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            ordered.add(newestFirst.get(i).bar());
        }
        return ordered;
    }
}
