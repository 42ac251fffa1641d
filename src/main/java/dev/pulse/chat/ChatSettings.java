package dev.pulse.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The chat's limits; each is a MicroProfile Config property (env var in upper snake case). */
@ApplicationScoped
public class ChatSettings {

    /** As the seed's message form: a body longer than this is refused. */
    @Inject
    @ConfigProperty(name = "pulse.chat.max-message-length", defaultValue = "300")
    int maxMessageLength;

    /** Messages replayed to a socket that joins without {@code ?after=}. */
    @Inject
    @ConfigProperty(name = "pulse.chat.history-size", defaultValue = "50")
    int historySize;

    /** Most messages replayed on a resume ({@code ?after=}); more missed ones are announced as a gap. */
    @Inject
    @ConfigProperty(name = "pulse.chat.resume-limit", defaultValue = "200")
    int resumeLimit;

    /** Seconds a user's presence on an instance lives without a refresh (instance died -> user leaves). */
    @Inject
    @ConfigProperty(name = "pulse.chat.presence-ttl-seconds", defaultValue = "30")
    int presenceTtlSeconds;

    /** Seconds between refreshes of this instance's presence entries (well below the TTL). */
    @Inject
    @ConfigProperty(name = "pulse.chat.presence-refresh-seconds", defaultValue = "10")
    int presenceRefreshSeconds;

    /** Most messages one history request returns ({@code GET /api/chat/rooms/{room}/messages?limit=}). */
    @Inject
    @ConfigProperty(name = "pulse.chat.history-page-max", defaultValue = "200")
    int historyPageMax;

    /** Messages one user may post per window (all rooms, all instances); more get an error frame. */
    @Inject
    @ConfigProperty(name = "pulse.chat.post-limit", defaultValue = "300")
    int postLimit;

    @Inject
    @ConfigProperty(name = "pulse.chat.post-window-seconds", defaultValue = "60")
    int postWindowSeconds;

    public int postLimit() {
        return Math.max(1, postLimit);
    }

    public int postWindowSeconds() {
        return Math.max(1, postWindowSeconds);
    }

    public int historyPageMax() {
        return Math.max(1, historyPageMax);
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    public int historySize() {
        return Math.max(0, historySize);
    }

    public int resumeLimit() {
        return Math.max(1, resumeLimit);
    }

    public int presenceTtlSeconds() {
        return Math.max(2, presenceTtlSeconds);
    }

    public int presenceRefreshSeconds() {
        return Math.max(1, Math.min(presenceRefreshSeconds, presenceTtlSeconds() / 2));
    }
}
