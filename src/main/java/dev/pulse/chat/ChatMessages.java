package dev.pulse.chat;

import dev.pulse.account.Account;
import dev.pulse.account.AccountService;
import dev.pulse.chat.ChatEvents.MessageView;
import dev.pulse.realtime.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Stores messages and reads a room's history. */
@ApplicationScoped
@Transactional
public class ChatMessages {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    @Inject
    AccountService accounts;

    /**
     * Stores a validated body by a member already resolved at join (no lookups: one INSERT); the
     * returned view is what gets broadcast once this commits.
     */
    public MessageView store(RoomAccess room, Member author, String body) {
        ChatMessage message = new ChatMessage(em.getReference(ChatRoom.class, room.roomId()),
                em.getReference(Account.class, author.accountId()), body);
        em.persist(message);
        em.flush();
        return new MessageView(message.id(), room.room(), author.username(), body, Timestamps.iso(message.createdAt()));
    }

    /** A user as a room socket knows them from its join: the account id to write, the name to show. */
    public record Member(long accountId, String username) {
    }

    /** The member behind a username, looked up once per socket. */
    public java.util.Optional<Member> member(String username) {
        return accounts.find(username).map(account -> new Member(account.id(), account.username()));
    }

    /** The id of the room's newest message, 0 when it has none (an index lookup, asked on every join: no transaction). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long newestId(long roomId) {
        Long newest = em.createQuery("SELECT MAX(m.id) FROM ChatMessage m WHERE m.room.id = :room", Long.class)
                .setParameter("room", roomId)
                .getSingleResult();
        return newest == null ? 0 : newest;
    }

    /**
     * {@link #newestId} of several rooms in one query (one backward index step per room); a room
     * without messages maps to 0.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Map<Long, Long> newestIds(java.util.Collection<Long> roomIds) {
        java.util.Map<Long, Long> newest = new java.util.HashMap<>();
        if (roomIds.isEmpty()) {
            return newest;
        }
        for (Object result : em.createNativeQuery("SELECT r.id, (SELECT MAX(m.id) FROM chat_message m WHERE m.room_id = r.id) "
                        + "FROM chat_room r WHERE r.id IN (:ids)")
                .setParameter("ids", List.copyOf(roomIds))
                .getResultList()) {
            Object[] row = (Object[]) result;
            newest.put(((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue());
        }
        return newest;
    }

    /** The newest {@code limit} messages, oldest first. */
    public List<MessageView> latest(long roomId, int limit) {
        if (limit == 0) {
            return List.of();
        }
        List<MessageView> newestFirst = new ArrayList<>(em.createQuery(
                        "SELECT m FROM ChatMessage m JOIN FETCH m.author JOIN FETCH m.room WHERE m.room.id = :room ORDER BY m.id DESC",
                        ChatMessage.class)
                .setParameter("room", roomId)
                .setMaxResults(limit)
                .getResultStream().map(MessageView::of).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Up to {@code limit} messages with an id above {@code after}, oldest first. */
    public List<MessageView> after(long roomId, long after, int limit) {
        return em.createQuery(
                        "SELECT m FROM ChatMessage m JOIN FETCH m.author JOIN FETCH m.room WHERE m.room.id = :room AND m.id > :after ORDER BY m.id",
                        ChatMessage.class)
                .setParameter("room", roomId)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultStream().map(MessageView::of).toList();
    }

    /** One page of a room's history, oldest first; {@code more} = the range holds further messages past this page. */
    public record Page(List<MessageView> messages, boolean more) {
    }

    /**
     * A page of history between the exclusive bounds {@code after} and {@code before} (either may
     * be absent). With {@code after}, the page starts right above it (paging forward, e.g. to fill
     * a gap); otherwise it ends right below {@code before}, or at the newest message (paging back).
     */
    public Page page(long roomId, Long after, Long before, int limit) {
        StringBuilder jpql = new StringBuilder(
                "SELECT m FROM ChatMessage m JOIN FETCH m.author JOIN FETCH m.room WHERE m.room.id = :room");
        if (after != null) {
            jpql.append(" AND m.id > :after");
        }
        if (before != null) {
            jpql.append(" AND m.id < :before");
        }
        boolean forward = after != null;
        jpql.append(forward ? " ORDER BY m.id" : " ORDER BY m.id DESC");
        var query = em.createQuery(jpql.toString(), ChatMessage.class).setParameter("room", roomId);
        if (after != null) {
            query.setParameter("after", after);
        }
        if (before != null) {
            query.setParameter("before", before);
        }
        // One more than asked tells whether there is more, without a count query.
        List<MessageView> found = new ArrayList<>(query.setMaxResults(limit + 1).getResultStream().map(MessageView::of).toList());
        boolean more = found.size() > limit;
        if (more) {
            found.remove(found.size() - 1);
        }
        if (!forward) {
            Collections.reverse(found);
        }
        return new Page(found, more);
    }

    /** The newest {@code limit} messages above {@code after}, oldest first (for a resume that missed too many). */
    public List<MessageView> newestAfter(long roomId, long after, int limit) {
        List<MessageView> newestFirst = new ArrayList<>(em.createQuery(
                        "SELECT m FROM ChatMessage m JOIN FETCH m.author JOIN FETCH m.room WHERE m.room.id = :room AND m.id > :after ORDER BY m.id DESC",
                        ChatMessage.class)
                .setParameter("room", roomId)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultStream().map(MessageView::of).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
