package dev.pulse.market;

import java.util.List;

/**
 * A batch of new prices was stored: a CDI event, fired by {@code feed.PriceRecorder.reprice} inside
 * the transaction that wrote them (one event a batch, never empty). Its quotes are in symbol order,
 * one a symbol: prices in the asset's currency rounded to cents, {@code changePercent} in percent
 * ({@link PriceQuote}).
 *
 * <p>The after-commit rule (issue 11; Cargo Tracker's "events after commit"): observers take it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}, so a rolled-back batch is announced to
 * nobody, and synchronously (never {@code fireAsync}) on the committing thread, so batches reach
 * clients in the order they were committed. The feed announces, {@code live.PriceBroadcaster} formats:
 * the record lives in the market root so that neither package imports the other.
 */
public record PricesChanged(List<PriceQuote> quotes) {

    public PricesChanged {
        quotes = List.copyOf(quotes);
    }

    /** The changed symbols, in the quotes' order. */
    public List<String> symbols() {
        return quotes.stream().map(PriceQuote::symbol).toList();
    }
}
