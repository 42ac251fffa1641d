package dev.pulse.notification;

import dev.pulse.realtime.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creating notifications, and each user's seen state. */
@ApplicationScoped
public class Notifications {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    @Inject
    Instance<UserDirectory> users;

    @Inject
    Event<NotificationCreated> created;

    @Inject
    Event<NotificationsSeen> seen;

    @Inject
    @ConfigProperty(name = "pulse.notifications.max-length", defaultValue = "500")
    int maxLength;

    @Transactional
    public Notification create(String message, String audience, String admin) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw new NotificationRejected("The message must not be empty");
        }
        if (text.length() > maxLength) {
            throw new NotificationRejected("The message must be at most " + maxLength + " characters");
        }
        String recipient = audience == null || audience.isBlank() ? null : audience.strip();
        if (recipient != null && (!users.isResolvable() || users.get().idOf(recipient).isEmpty())) {
            throw new NotificationRejected("No user named " + recipient);
        }
        Notification notification = new Notification(text, recipient, admin, now());
        em.persist(notification);
        em.flush();
        created.fire(new NotificationCreated(notification.getId(), text, recipient));
        return notification;
    }

    public long unseenCount(String username) {
        return em.createQuery("""
                select count(n) from Notification n
                where (n.audience is null or n.audience = :user)
                and not exists (select s from NotificationSeen s where s.key.notificationId = n.id and s.key.username = :user)
                """, Long.class).setParameter("user", username).getSingleResult();
    }

    /** Unseen counts of many users in three queries, whatever their number. */
    public Map<String, Long> unseenCounts(Set<String> usernames) {
        long forEveryone = em.createQuery("select count(n) from Notification n where n.audience is null", Long.class).getSingleResult();
        Map<String, Long> counts = new HashMap<>();
        usernames.forEach(user -> counts.put(user, forEveryone));
        em.createQuery("""
                select s.key.username, count(s) from NotificationSeen s, Notification n
                where n.id = s.key.notificationId and n.audience is null group by s.key.username
                """, Object[].class).getResultList()
                .forEach(row -> counts.computeIfPresent((String) row[0], (u, c) -> c - (Long) row[1]));
        em.createQuery("""
                select n.audience, count(n) from Notification n
                where n.audience is not null
                and not exists (select s from NotificationSeen s where s.key.notificationId = n.id and s.key.username = n.audience)
                group by n.audience
                """, Object[].class).getResultList()
                .forEach(row -> counts.computeIfPresent((String) row[0], (u, c) -> c + (Long) row[1]));
        return counts;
    }

    /** Notifications nobody has seen yet: seed 004's "unseen" count for its anonymous group. */
    public long unseenByAnyone() {
        return em.createQuery("""
                select count(n) from Notification n
                where not exists (select s from NotificationSeen s where s.key.notificationId = n.id)
                """, Long.class).getSingleResult();
    }

    public List<NotificationView> visibleTo(String username, int limit) {
        List<Notification> list = em.createQuery("""
                select n from Notification n where n.audience is null or n.audience = :user order by n.id desc
                """, Notification.class).setParameter("user", username).setMaxResults(limit).getResultList();
        Set<Long> seenIds = new HashSet<>(em.createQuery(
                "select s.key.notificationId from NotificationSeen s where s.key.username = :user", Long.class)
                .setParameter("user", username).getResultList());
        return list.stream()
                .map(n -> new NotificationView(n.getId(), n.getMessage(), n.isForEveryone(), n.getCreatedAt(), seenIds.contains(n.getId())))
                .toList();
    }

    public List<Notification> recent(int limit) {
        return em.createQuery("select n from Notification n order by n.id desc", Notification.class)
                .setMaxResults(limit).getResultList();
    }

    public long seenCount(long notificationId) {
        return em.createQuery("select count(s) from NotificationSeen s where s.key.notificationId = :id", Long.class)
                .setParameter("id", notificationId).getSingleResult();
    }

    /** Marks one notification seen; false when the user cannot see it. Idempotent. */
    @Transactional
    public boolean markSeen(long notificationId, String username) {
        Notification notification = em.find(Notification.class, notificationId);
        if (notification == null || !(notification.isForEveryone() || username.equals(notification.getAudience()))) {
            return false;
        }
        if (em.find(NotificationSeen.class, new NotificationSeen.Key(notificationId, username)) == null) {
            em.persist(new NotificationSeen(notificationId, username, now()));
        }
        seen.fire(new NotificationsSeen(username));
        return true;
    }

    @Transactional
    public int markAllSeen(String username) {
        List<Long> unseen = em.createQuery("""
                select n.id from Notification n
                where (n.audience is null or n.audience = :user)
                and not exists (select s from NotificationSeen s where s.key.notificationId = n.id and s.key.username = :user)
                """, Long.class).setParameter("user", username).getResultList();
        OffsetDateTime at = now();
        unseen.forEach(id -> em.persist(new NotificationSeen(id, username, at)));
        seen.fire(new NotificationsSeen(username));
        return unseen.size();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
