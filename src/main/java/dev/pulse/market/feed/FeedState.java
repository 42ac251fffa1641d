package dev.pulse.market.feed;

/**
 * What the feed is told to do; the same on every instance of the cluster. Commands reach other
 * instances asynchronously, so each carries a revision and an instance ignores one older than
 * what it already applied.
 */
public record FeedState(boolean running, long intervalMs, int batchSize, boolean verbose, long revision) {

    public FeedState {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1");
        }
    }

    /** A state not yet issued as a command (revision 0). */
    public static FeedState of(boolean running, long intervalMs, int batchSize, boolean verbose) {
        return new FeedState(running, intervalMs, batchSize, verbose, 0);
    }

    public FeedState withRunning(boolean value) {
        return new FeedState(value, intervalMs, batchSize, verbose, revision);
    }

    /** This state as the next command after {@code previous}. */
    FeedState after(FeedState previous) {
        return new FeedState(running, intervalMs, batchSize, verbose,
                Math.max(previous.revision + 1, System.currentTimeMillis()));
    }
}
