package dev.pulse.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** A room: public ones are open to every logged-in user, private ones only to their members. */
@Entity
@Table(name = "chat_room")
public class ChatRoom {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    /** The name folded to lower case: unique, so names are unique ignoring case. */
    @Column(name = "name_key", nullable = false, unique = true, length = 100)
    private String nameKey;

    /** The account that created a public room; null for seeded and private rooms. */
    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "is_private", nullable = false)
    private boolean privateRoom;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ChatRoom() {
    }

    public ChatRoom(String name, boolean privateRoom) {
        this(name, privateRoom, null);
    }

    public ChatRoom(String name, boolean privateRoom, Long createdBy) {
        this.name = name;
        this.nameKey = key(name);
        this.createdBy = createdBy;
        this.privateRoom = privateRoom;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** How names compare: ignoring case, whatever the locale. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isPrivate() {
        return privateRoom;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
