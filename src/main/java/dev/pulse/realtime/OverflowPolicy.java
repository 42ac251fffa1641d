package dev.pulse.realtime;

/** What a connection does when its outbound queue is full because the client reads too slowly. */
public enum OverflowPolicy {
    /** Drop the oldest queued message; the client sees a gap but stays connected. */
    DROP_OLDEST,
    /** Close the connection (1011, as a send timeout does) so the client reconnects and resumes from a known point. */
    DISCONNECT
}
