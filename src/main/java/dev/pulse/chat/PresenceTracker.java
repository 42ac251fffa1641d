package dev.pulse.chat;

import dev.pulse.realtime.Hub;
import dev.pulse.realtime.presence.Presence;
import dev.pulse.realtime.presence.Roster;
import dev.pulse.realtime.presence.RosterSpec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Who is online in each room, counted by users (two tabs of one user count once) across every
 * instance: the core {@link Roster} with one group per room, on the chat's own maps. The count is
 * announced to the room as {@code {"event":"online_count","online_count":N}} when it changes; a
 * socket whose join changes nothing gets the count for itself. A dead instance's users leave
 * after {@code pulse.chat.presence-ttl-seconds}.
 */
@ApplicationScoped
public class PresenceTracker {

    static final String PRESENCE_MAP = "pulse.chat.presence";
    static final String ANNOUNCED_MAP = "pulse.chat.online-announced";

    @Inject
    Presence presence;

    @Inject
    Hub hub;

    @Inject
    ChatSettings settings;

    /** Groups are room names. */
    Roster rooms;

    @PostConstruct
    void start() {
        rooms = presence.roster(spec(settings), this::announce);
    }

    static RosterSpec spec(ChatSettings settings) {
        return new RosterSpec(PRESENCE_MAP, ANNOUNCED_MAP, Duration.ofSeconds(settings.presenceTtlSeconds()),
                Duration.ofSeconds(settings.presenceRefreshSeconds()));
    }

    /**
     * A socket of {@code user} entered {@code room}. A changed count is broadcast to the room;
     * otherwise the count is returned, for the joining socket only (another tab of a user already here).
     */
    public Optional<ChatEvents.OnlineCount> join(String room, String user) {
        return rooms.track(room, user) ? Optional.empty() : Optional.of(new ChatEvents.OnlineCount(onlineCount(room)));
    }

    /** A socket of {@code user} left {@code room}. */
    public void leave(String room, String user) {
        rooms.untrack(room, user);
    }

    /** Users online in a room, on every instance (the last count announced). */
    public int onlineCount(String room) {
        return rooms.users(room);
    }

    void announce(String room, int users) {
        hub.broadcast(ChatPosting.group(room), new ChatEvents.OnlineCount(users));
    }
}
