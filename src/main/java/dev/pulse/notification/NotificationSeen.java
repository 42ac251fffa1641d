package dev.pulse.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** That one user has seen one notification. Absence of the row means unseen. */
@Entity
@Table(name = "notification_seen")
public class NotificationSeen {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "notification_id")
        private Long notificationId;

        @Column(name = "username", length = 150)
        private String username;

        protected Key() {
        }

        public Key(Long notificationId, String username) {
            this.notificationId = notificationId;
            this.username = username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(notificationId, k.notificationId) && Objects.equals(username, k.username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(notificationId, username);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "seen_at", nullable = false)
    private OffsetDateTime seenAt;

    protected NotificationSeen() {
    }

    public NotificationSeen(Long notificationId, String username, OffsetDateTime seenAt) {
        this.key = new Key(notificationId, username);
        this.seenAt = seenAt;
    }
}
