package dev.pulse.chat;

import dev.pulse.account.Account;
import dev.pulse.account.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rooms, who may use them, and the private one-to-one conversations. */
@ApplicationScoped
@Transactional
public class ChatRooms {

    /** A private room's name is derived from its two members' ids, so "get or create" is deterministic. */
    static final String PRIVATE_PREFIX = "private-";

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    @Inject
    AccountService accounts;

    /** A private conversation as its member sees it: the room and the other person. */
    public record Conversation(String room, String with) {
    }

    /** A room as the room list needs it: id, name, and for a private room the other member. */
    record Listed(long id, String name, boolean isPrivate, String with) {
    }

    /** A created room, or why not: the name is taken (ignoring case). */
    static final class RoomExists extends Exception {
        RoomExists(String name) {
            super("A room named '" + name + "' exists", null, false, false);
        }
    }

    /** Members of private rooms by room name; memberships never change once the room exists. */
    private final Map<String, List<String>> privateMembers = new ConcurrentHashMap<>();

    /**
     * Grants already given, by room (public) or room and user (private): rooms are never deleted
     * or renamed and memberships never revoked, so a grant stays true; refusals are not kept (the
     * room may be created later). Bounded: cleared when it grows past {@link #GRANTS_KEPT}.
     */
    private final Map<Grant, RoomAccess> grants = new ConcurrentHashMap<>();
    private static final int GRANTS_KEPT = 10_000;

    /** A grant's key: the room, and for a private room the user (null for a public one, which grants everyone). */
    private record Grant(String room, String user) {
    }

    /** Who may use a room: a socket's join asks this, so a grant costs no query after the first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RoomAccess access(String roomName, String username) {
        RoomAccess known = grants.get(new Grant(roomName, null));
        if (known == null) {
            known = grants.get(new Grant(roomName, username));
        }
        if (known != null) {
            return known;
        }
        RoomAccess access = lookUp(roomName, username);
        if (access.verdict() == RoomAccess.Verdict.GRANTED) {
            if (grants.size() > GRANTS_KEPT) {
                grants.clear();
            }
            grants.put(new Grant(roomName, access.isPrivate() ? username : null), access);
        }
        return access;
    }

    private RoomAccess lookUp(String roomName, String username) {
        Optional<ChatRoom> room = find(roomName);
        if (room.isEmpty()) {
            return RoomAccess.refused(RoomAccess.Verdict.UNKNOWN_ROOM, roomName);
        }
        if (!room.get().isPrivate()) {
            return RoomAccess.granted(room.get());
        }
        Long members = em.createQuery("SELECT COUNT(m) FROM Membership m WHERE m.room = :room AND m.account.username = :username", Long.class)
                .setParameter("room", room.get())
                .setParameter("username", username)
                .getSingleResult();
        return members > 0 ? RoomAccess.granted(room.get()) : RoomAccess.refused(RoomAccess.Verdict.NOT_A_MEMBER, roomName);
    }

    /**
     * Creates a public room named {@code name} (already checked by {@link RoomNames}) by the account
     * {@code creatorId}. Throws {@link RoomExists} when a room of that name exists ignoring case,
     * found before the insert or by the unique folded name when another creation won the race.
     */
    public Listed create(String name, long creatorId) throws RoomExists {
        if (!em.createQuery("SELECT r.id FROM ChatRoom r WHERE r.nameKey = :key", Long.class)
                .setParameter("key", ChatRoom.key(name)).setMaxResults(1).getResultList().isEmpty()) {
            throw new RoomExists(name);
        }
        ChatRoom room = new ChatRoom(name, false, creatorId);
        em.persist(room);
        em.flush();
        return new Listed(room.id(), room.name(), false, null);
    }

    /** Public rooms by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Listed> listedPublicRooms() {
        return em.createQuery("SELECT r.id, r.name FROM ChatRoom r WHERE r.privateRoom = false ORDER BY r.name", Object[].class)
                .getResultStream().map(row -> new Listed((Long) row[0], (String) row[1], false, null)).toList();
    }

    /** The private rooms of {@code username}, by the other member's name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Listed> listedConversations(String username) {
        return em.createQuery(
                        "SELECT r.id, r.name, other.account.username FROM Membership mine JOIN mine.room r, Membership other "
                                + "WHERE mine.account.username = :username AND r.privateRoom = true "
                                + "AND other.room = r AND other.account <> mine.account ORDER BY other.account.username",
                        Object[].class)
                .setParameter("username", username)
                .getResultStream().map(row -> new Listed((Long) row[0], (String) row[1], true, (String) row[2])).toList();
    }

    /** The usernames of a private room's members (looked up once per room: memberships never change). */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<String> membersOf(String privateRoom) {
        List<String> known = privateMembers.get(privateRoom);
        if (known != null) {
            return known;
        }
        List<String> members = List.copyOf(em.createQuery(
                        "SELECT m.account.username FROM Membership m WHERE m.room.name = :room ORDER BY m.account.username", String.class)
                .setParameter("room", privateRoom)
                .getResultList());
        if (privateMembers.size() > GRANTS_KEPT) {
            privateMembers.clear();
        }
        if (!members.isEmpty()) {
            privateMembers.put(privateRoom, members);
        }
        return members;
    }

    public List<Conversation> conversationsOf(String username) {
        List<Object[]> rows = em.createQuery(
                        "SELECT r.name, other.account.username FROM Membership mine JOIN mine.room r, Membership other "
                                + "WHERE mine.account.username = :username AND r.privateRoom = true "
                                + "AND other.room = r AND other.account <> mine.account ORDER BY other.account.username",
                        Object[].class)
                .setParameter("username", username)
                .getResultList();
        return rows.stream().map(row -> new Conversation((String) row[0], (String) row[1])).toList();
    }

    /** A private room opened: the conversation, and whether this call created it (then the list announces it). */
    public record Opened(Conversation conversation, boolean created) {
    }

    /**
     * The private room of two users, created with both memberships on first use.
     * Empty when the other user does not exist.
     */
    public Optional<Conversation> openPrivate(String username, String otherUsername) {
        return open(username, otherUsername).map(Opened::conversation);
    }

    /** As {@link #openPrivate}, saying whether the room was created now. */
    public Optional<Opened> open(String username, String otherUsername) {
        Optional<Account> me = accounts.find(username);
        Optional<Account> other = accounts.find(otherUsername);
        if (me.isEmpty() || other.isEmpty()) {
            return Optional.empty();
        }
        long a = Math.min(me.get().id(), other.get().id());
        long b = Math.max(me.get().id(), other.get().id());
        String name = PRIVATE_PREFIX + a + "-" + b;
        Optional<ChatRoom> existing = find(name);
        if (existing.isPresent()) {
            return Optional.of(new Opened(new Conversation(name, other.get().username()), false));
        }
        ChatRoom room = new ChatRoom(name, true);
        em.persist(room);
        em.persist(new Membership(room, me.get()));
        em.persist(new Membership(room, other.get()));
        // Two users opening the conversation at once: the unique room name lets one of them win here.
        em.flush();
        return Optional.of(new Opened(new Conversation(name, other.get().username()), true));
    }

    private Optional<ChatRoom> find(String name) {
        return em.createQuery("SELECT r FROM ChatRoom r WHERE r.name = :name", ChatRoom.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }
}
