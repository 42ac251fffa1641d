/**
 * Market data (issue 3, seeds 000 and 001): the asset catalog and its persisted prices and candles
 * ({@code dev.pulse.market}), the cluster-wide price feed ({@code .feed}), the {@code /ws/realtime/}
 * socket with its HTTP companions ({@code .live}, {@code .web}) and the {@code /ws/tick/}
 * simulator ({@code .tick}). {@code .live} (live prices and portfolios, their statistics and the
 * per-user connection limit) keeps the seed's {@code /realtime/} URLs but not its package name,
 * which read as a second {@code dev.pulse.realtime} core.
 */
package dev.pulse.market;
