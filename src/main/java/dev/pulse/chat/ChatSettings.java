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

    /** Room names users choose: at least this many characters. */
    @Inject
    @ConfigProperty(name = "pulse.chat.room-name-min-length", defaultValue = "1")
    int roomNameMinLength;

    /** Room names users choose: at most this many characters (capped at 60: the column holds private names too). */
    @Inject
    @ConfigProperty(name = "pulse.chat.room-name-max-length", defaultValue = "40")
    int roomNameMaxLength;

    /** Rooms one user may create per window (cluster-wide); more get 429 with Retry-After. */
    @Inject
    @ConfigProperty(name = "pulse.chat.room-create-limit", defaultValue = "5")
    int roomCreateLimit;

    @Inject
    @ConfigProperty(name = "pulse.chat.room-create-window-seconds", defaultValue = "3600")
    int roomCreateWindowSeconds;

    /** Unread counts stop counting here (the list shows "999+"): a count is one bounded index range read. */
    @Inject
    @ConfigProperty(name = "pulse.chat.unread-count-cap", defaultValue = "999")
    int unreadCountCap;

    /** A user's typing indicator is broadcast to a room at most once per this many milliseconds. */
    @Inject
    @ConfigProperty(name = "pulse.chat.typing-throttle-ms", defaultValue = "2000")
    int typingThrottleMs;

    /** How long a typing indicator lasts without a refresh (clients hide it then; sent in each frame). */
    @Inject
    @ConfigProperty(name = "pulse.chat.typing-expiry-ms", defaultValue = "6000")
    int typingExpiryMs;

    /** Most names in a "who is online" list (the count is always complete). */
    @Inject
    @ConfigProperty(name = "pulse.chat.online-list-max", defaultValue = "200")
    int onlineListMax;

    public int onlineListMax() {
        return Math.max(1, onlineListMax);
    }

    public int roomNameMinLength() {
        return Math.max(1, Math.min(roomNameMinLength, roomNameMaxLength()));
    }

    public int roomNameMaxLength() {
        return Math.max(1, Math.min(roomNameMaxLength, 60));
    }

    public int roomCreateLimit() {
        return Math.max(1, roomCreateLimit);
    }

    public int roomCreateWindowSeconds() {
        return Math.max(1, roomCreateWindowSeconds);
    }

    public int unreadCountCap() {
        return Math.max(1, unreadCountCap);
    }

    public int typingThrottleMs() {
        return Math.max(0, typingThrottleMs);
    }

    /** Always longer than the throttle, so a user who keeps typing never blinks off between frames. */
    public int typingExpiryMs() {
        return Math.max(typingThrottleMs() + 1000, typingExpiryMs);
    }

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
