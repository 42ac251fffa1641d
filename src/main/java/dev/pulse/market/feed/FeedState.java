package dev.pulse.market.feed;

/** What the feed is told to do; the same on every instance of the cluster. */
public record FeedState(boolean running, long intervalMs, int batchSize, boolean verbose) {

    public FeedState {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1");
        }
    }

    public FeedState withRunning(boolean value) {
        return new FeedState(value, intervalMs, batchSize, verbose);
    }
}
