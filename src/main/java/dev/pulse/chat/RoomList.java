package dev.pulse.chat;

import dev.pulse.account.AccountDirectory;
import dev.pulse.chat.ChatEvents.MessageView;
import dev.pulse.chat.ChatEvents.RoomSummary;
import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The room list as one user sees it (rooms, online and unread counts, read positions) and the
 * events that keep it live on {@code /ws/room-list/}: public rooms' events go to the group
 * {@value #PUBLIC_GROUP} (every list socket), a user's own ({@code read}, private rooms) to
 * {@code chat.user.<name>} (that user's list sockets on every instance and tab). Every write it
 * announces has committed before the announcement.
 */
@ApplicationScoped
public class RoomList {

    static final String PUBLIC_GROUP = "chat.rooms";

    @Inject
    ChatRooms rooms;

    @Inject
    ReadPositions positions;

    @Inject
    ChatMessages messages;

    @Inject
    PresenceTracker presence;

    @Inject
    AccountDirectory accounts;

    @Inject
    ChatSettings settings;

    @Inject
    Hub hub;

    /** The group of one user's list sockets. */
    static String userGroup(String username) {
        return "chat.user." + username;
    }

    /**
     * Public rooms by name, then the user's private conversations by the other member's name. A
     * fixed number of reads whatever the number of rooms (rooms, positions, newest ids, online
     * counts), plus one bounded count per room that has unread messages.
     */
    public List<RoomSummary> summaries(String username) {
        long accountId = accountId(username);
        List<ChatRooms.Listed> listed = new ArrayList<>(rooms.listedPublicRooms());
        listed.addAll(rooms.listedConversations(username));
        Map<Long, Long> read = positions.of(accountId);
        Map<Long, Long> newest = messages.newestIds(listed.stream().map(ChatRooms.Listed::id).toList());
        Map<String, Integer> online = presence.onlineCounts(listed.stream().map(ChatRooms.Listed::name).collect(Collectors.toSet()));
        List<RoomSummary> summaries = new ArrayList<>();
        for (ChatRooms.Listed room : listed) {
            long lastRead = read.getOrDefault(room.id(), 0L);
            long last = newest.getOrDefault(room.id(), 0L);
            int unread = last > lastRead ? positions.unread(accountId, room.id(), lastRead, settings.unreadCountCap()) : 0;
            summaries.add(new RoomSummary(room.name(), room.isPrivate(), room.with(), online.getOrDefault(room.name(), 0), unread, last, lastRead));
        }
        return summaries;
    }

    /** One room's summary for {@code username} (a room they may use). */
    public RoomSummary summary(RoomAccess room, String username) {
        long accountId = accountId(username);
        String with = room.isPrivate() ? rooms.membersOf(room.room()).stream().filter(m -> !m.equals(username)).findFirst().orElse(null) : null;
        return summary(new ChatRooms.Listed(room.roomId(), room.room(), room.isPrivate(), with), accountId,
                positions.of(accountId, room.roomId()));
    }

    private RoomSummary summary(ChatRooms.Listed room, long accountId, long lastRead) {
        long last = messages.newestId(room.id());
        int unread = last > lastRead ? positions.unread(accountId, room.id(), lastRead, settings.unreadCountCap()) : 0;
        return new RoomSummary(room.name(), room.isPrivate(), room.with(), presence.onlineCount(room.name()), unread, last, lastRead);
    }

    /**
     * Moves {@code username}'s read position in {@code room} forward to {@code lastReadId}, clamped
     * to the room's newest message (a client cannot read ahead), and tells all of that user's list
     * sockets. Empty when the position did not move (an older or equal id: nothing to tell).
     */
    public Optional<ChatEvents.Read> markRead(String username, RoomAccess room, long lastReadId) {
        long accountId = accountId(username);
        long target = Math.min(lastReadId, messages.newestId(room.roomId()));
        long before = positions.of(accountId, room.roomId());
        if (target <= before) {
            return Optional.empty();
        }
        long after;
        try {
            after = positions.advance(accountId, room.roomId(), target);
        } catch (PersistenceException | TransactionalException raced) {
            // Another tab inserted the first position at the same moment: it exists now, update it.
            after = positions.advance(accountId, room.roomId(), target);
        }
        int unread = positions.unread(accountId, room.roomId(), after, settings.unreadCountCap());
        ChatEvents.Read read = new ChatEvents.Read(room.room(), after, unread);
        hub.broadcast(userGroup(username), read);
        return Optional.of(read);
    }

    /** A public room was created (committed): every list shows it. */
    void created(ChatRooms.Listed room) {
        hub.broadcast(PUBLIC_GROUP, new ChatEvents.RoomCreated(new RoomSummary(room.name(), false, null, 0, 0, 0, 0)));
    }

    /** A private room was created (committed): both members' lists show it, each titled by the other. */
    void opened(ChatRooms.Opened opened) {
        List<String> members = rooms.membersOf(opened.conversation().room());
        for (String member : members) {
            String with = members.stream().filter(m -> !m.equals(member)).findFirst().orElse(null);
            hub.broadcast(userGroup(member), new ChatEvents.RoomCreated(
                    new RoomSummary(opened.conversation().room(), true, with, 0, 0, 0, 0)));
        }
    }

    /**
     * A message was stored and broadcast to its room: the lists that show the room count it. Called
     * under the room's order lock, so a room's activity frames go out in id order.
     */
    void posted(RoomAccess room, MessageView message) {
        ChatEvents.Activity activity = new ChatEvents.Activity(room.room(), message.id(), message.author());
        if (room.isPrivate()) {
            for (String member : rooms.membersOf(room.room())) {
                hub.broadcast(userGroup(member), activity);
            }
        } else {
            hub.broadcast(PUBLIC_GROUP, activity);
        }
    }

    /** A room's online count changed: the lists that show the room show it. */
    void onlineCountChanged(String room, int users) {
        ChatEvents.RoomOnlineCount count = new ChatEvents.RoomOnlineCount(room, users);
        if (room.startsWith(ChatRooms.PRIVATE_PREFIX)) {
            for (String member : rooms.membersOf(room)) {
                hub.broadcast(userGroup(member), count);
            }
        } else {
            hub.broadcast(PUBLIC_GROUP, count);
        }
    }

    private long accountId(String username) {
        return accounts.idOf(username).orElseThrow(() -> new IllegalStateException("no account " + username));
    }
}
