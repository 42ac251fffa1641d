package dev.pulse.chat;

import dev.pulse.realtime.Hub;
import dev.pulse.realtime.presence.Presence;
import dev.pulse.realtime.presence.PresenceListener;
import dev.pulse.realtime.presence.Roster;
import dev.pulse.realtime.presence.RosterSpec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who is online in each room, counted by users (two tabs of one user count once) across every
 * instance: the core {@link Roster} with one group per room, on the chat's own maps. The count is
 * announced to the room as {@code {"event":"online_count","online_count":N}} when it changes; a
 * socket whose join changes nothing gets the count for itself. Right before a changed count the
 * room hears who came or went ({@link ChatEvents.PresenceChange}: {@code user_joined},
 * {@code user_left}); the list itself is read over HTTP ({@link #online}). A dead instance's users
 * leave after {@code pulse.chat.presence-ttl-seconds} plus at most one refresh period.
 */
@ApplicationScoped
public class PresenceTracker implements PresenceListener {

    static final String PRESENCE_MAP = "pulse.chat.presence";
    static final String ANNOUNCED_MAP = "pulse.chat.online-announced";

    @Inject
    Presence presence;

    @Inject
    Hub hub;

    @Inject
    ChatSettings settings;

    @Inject
    RoomList list;

    /** Groups are room names. */
    Roster rooms;

    @PostConstruct
    void start() {
        rooms = presence.roster(spec(settings), this);
    }

    static RosterSpec spec(ChatSettings settings) {
        return spec(settings, PRESENCE_MAP, ANNOUNCED_MAP);
    }

    /** A chat roster on its own maps, with the chat's presence TTL and refresh. */
    static RosterSpec spec(ChatSettings settings, String entriesMap, String countsMap) {
        return new RosterSpec(entriesMap, countsMap, Duration.ofSeconds(settings.presenceTtlSeconds()),
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

    /** {@link #onlineCount} of several rooms in one read of the cluster's counts (a room absent from the map: 0). */
    public java.util.Map<String, Integer> onlineCounts(java.util.Set<String> rooms) {
        return this.rooms.users(rooms);
    }

    /** Users online in a room, on every instance (the last count announced). */
    public int onlineCount(String room) {
        return rooms.users(room);
    }

    /** Who is online in a room, read now from the cluster's entries (for HTTP, not a socket's join). */
    public ChatEvents.OnlineList online(String room) {
        List<String> users = rooms.members(room).stream().sorted().limit(settings.onlineListMax()).toList();
        return new ChatEvents.OnlineList(Math.max(users.size(), onlineCount(room)), users);
    }

    @Override
    public void usersChanged(String room, int users) {
        announce(room, users);
    }

    @Override
    public void userChanged(String room, String user, boolean present) {
        hub.broadcast(ChatPosting.group(room), ChatEvents.PresenceChange.inRoom(user, present));
    }

    void announce(String room, int users) {
        hub.broadcast(ChatPosting.group(room), new ChatEvents.OnlineCount(users));
        list.onlineCountChanged(room, users);
    }
}
