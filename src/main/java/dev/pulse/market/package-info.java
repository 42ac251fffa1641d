/**
 * Market data (issue 3, seeds 000 and 001): the asset catalog and its persisted prices and candles
 * ({@code dev.pulse.market}), the cluster-wide price feed ({@code .feed}), the {@code /ws/realtime/}
 * socket with its HTTP companions ({@code .realtime}, {@code .web}) and the {@code /ws/tick/}
 * simulator ({@code .tick}).
 */
package dev.pulse.market;
