package dev.pulse.chat;

import dev.pulse.account.Account;
import dev.pulse.account.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
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

    public record RoomView(String name, @JsonbProperty("private") boolean isPrivate) {
    }

    /** A private conversation as its member sees it: the room and the other person. */
    public record Conversation(String room, String with) {
    }

    /**
     * Grants already given, by room (public) or room and user (private): rooms are never deleted
     * or renamed and memberships never revoked, so a grant stays true; refusals are not kept (the
     * room may be created later). Bounded: cleared when it grows past {@link #GRANTS_KEPT}.
     */
    private final Map<String, RoomAccess> grants = new ConcurrentHashMap<>();
    private static final int GRANTS_KEPT = 10_000;

    /** Who may use a room: a socket's join asks this, so a grant costs no query after the first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RoomAccess access(String roomName, String username) {
        RoomAccess known = grants.get(roomName);
        if (known == null) {
            known = grants.get(roomName + '\n' + username);
        }
        if (known != null) {
            return known;
        }
        RoomAccess access = lookUp(roomName, username);
        if (access.verdict() == RoomAccess.Verdict.GRANTED) {
            if (grants.size() > GRANTS_KEPT) {
                grants.clear();
            }
            grants.put(access.isPrivate() ? roomName + '\n' + username : roomName, access);
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

    public List<RoomView> publicRooms() {
        return em.createQuery("SELECT r FROM ChatRoom r WHERE r.privateRoom = false ORDER BY r.name", ChatRoom.class)
                .getResultStream().map(r -> new RoomView(r.name(), false)).toList();
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

    /**
     * The private room of two users, created with both memberships on first use.
     * Empty when the other user does not exist.
     */
    public Optional<Conversation> openPrivate(String username, String otherUsername) {
        Optional<Account> me = accounts.find(username);
        Optional<Account> other = accounts.find(otherUsername);
        if (me.isEmpty() || other.isEmpty()) {
            return Optional.empty();
        }
        long a = Math.min(me.get().id(), other.get().id());
        long b = Math.max(me.get().id(), other.get().id());
        String name = PRIVATE_PREFIX + a + "-" + b;
        if (find(name).isEmpty()) {
            ChatRoom room = new ChatRoom(name, true);
            em.persist(room);
            em.persist(new Membership(room, me.get()));
            em.persist(new Membership(room, other.get()));
            // Two users opening the conversation at once: the unique room name lets one of them win here.
            em.flush();
        }
        return Optional.of(new Conversation(name, otherUsername));
    }

    private Optional<ChatRoom> find(String name) {
        return em.createQuery("SELECT r FROM ChatRoom r WHERE r.name = :name", ChatRoom.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }
}
