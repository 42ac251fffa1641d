package dev.pulse.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A room: public ones are open to every logged-in user, private ones only to their members. */
@Entity
@Table(name = "chat_room")
public class ChatRoom {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(name = "is_private", nullable = false)
    private boolean privateRoom;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ChatRoom() {
    }

    public ChatRoom(String name, boolean privateRoom) {
        this.name = name;
        this.privateRoom = privateRoom;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
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
