package dev.pulse.chat;

import dev.pulse.account.AccountRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each user's read position per room (table {@code chat_read_position}): the id of the newest
 * message they have read there. A position only moves forward. No row means nothing read yet:
 * every message of the room counts as unread; a new account starts at the newest message of every
 * public room ({@link #startAt}), so a room's old history is not unread to a newcomer.
 */
@ApplicationScoped
@Transactional
public class ReadPositions {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    /** The user's positions by room id (rooms without one are absent). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Long> of(long accountId) {
        Map<Long, Long> positions = new HashMap<>();
        List<?> rows = em.createNativeQuery("SELECT room_id, last_read_id FROM chat_read_position WHERE account_id = ?1")
                .setParameter(1, accountId)
                .getResultList();
        for (Object result : rows) {
            Object[] row = (Object[]) result;
            positions.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return positions;
    }

    /** The user's position in one room, 0 when they have none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long of(long accountId, long roomId) {
        List<?> rows = em.createNativeQuery("SELECT last_read_id FROM chat_read_position WHERE account_id = ?1 AND room_id = ?2")
                .setParameter(1, accountId)
                .setParameter(2, roomId)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /**
     * Moves the position forward to {@code lastReadId} (never back) and returns the position after
     * the call. Two tabs marking at once both end at the larger id: the update's condition decides.
     * A first position of a user in a room is inserted; two first marks racing let one insert fail
     * on the primary key (the caller retries once, then it is an update).
     */
    public long advance(long accountId, long roomId, long lastReadId) {
        Instant now = Instant.now();
        int updated = em.createNativeQuery("UPDATE chat_read_position SET last_read_id = ?1, updated_at = ?2 "
                        + "WHERE account_id = ?3 AND room_id = ?4 AND last_read_id < ?1")
                .setParameter(1, lastReadId)
                .setParameter(2, now)
                .setParameter(3, accountId)
                .setParameter(4, roomId)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO chat_read_position (account_id, room_id, last_read_id, updated_at) "
                            + "SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS "
                            + "(SELECT 1 FROM chat_read_position WHERE account_id = ?1 AND room_id = ?2)")
                    .setParameter(1, accountId)
                    .setParameter(2, roomId)
                    .setParameter(3, lastReadId)
                    .setParameter(4, now)
                    .executeUpdate();
        }
        return of(accountId, roomId);
    }

    /**
     * Messages of a room after {@code lastReadId} written by someone other than the reader, counted
     * up to {@code cap} (a bounded range of the {@code (room_id, id)} index, whatever the room's size).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int unread(long accountId, long roomId, long lastReadId, int cap) {
        Number count = (Number) em.createNativeQuery("SELECT COUNT(*) FROM (SELECT 1 FROM chat_message "
                        + "WHERE room_id = ?1 AND id > ?2 AND author_id <> ?3 LIMIT ?4) unread")
                .setParameter(1, roomId)
                .setParameter(2, lastReadId)
                .setParameter(3, accountId)
                .setParameter(4, cap)
                .getSingleResult();
        return count.intValue();
    }

    /** A new account starts at the newest message of every public room (in the registration's transaction). */
    void startAt(@Observes AccountRegistered registered) {
        em.createNativeQuery("INSERT INTO chat_read_position (account_id, room_id, last_read_id, updated_at) "
                        + "SELECT ?1, r.id, COALESCE((SELECT MAX(m.id) FROM chat_message m WHERE m.room_id = r.id), 0), ?2 "
                        + "FROM chat_room r WHERE r.is_private = FALSE")
                .setParameter(1, registered.accountId())
                .setParameter(2, Instant.now())
                .executeUpdate();
    }
}
