package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.realtime.Hub;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typing indicators: throttled per user and room, ended by false or a post, never repeated while throttled. */
class TypingIndicatorsTest {

    private final List<String> broadcasts = new ArrayList<>();
    private TypingIndicators typing;

    @BeforeEach
    void start() {
        typing = new TypingIndicators();
        typing.hub = new Hub() {
            @Override
            public void broadcast(String group, Object message) {
                ChatEvents.Typing frame = (ChatEvents.Typing) message;
                broadcasts.add(group + ":" + frame.user() + "=" + frame.typing() + "/" + frame.expiresInMs());
            }
        };
        ChatSettings settings = new ChatSettings();
        settings.typingThrottleMs = 60_000;
        settings.typingExpiryMs = 90_000;
        typing.settings = settings;
    }

    @Test
    void aUserTypingIsAnnouncedOncePerThrottleAndEndedByFalse() {
        typing.typing("lobby", "alice", true);
        typing.typing("lobby", "alice", true);
        typing.typing("lobby", "alice", true);
        typing.typing("lobby", "bob", true);
        typing.typing("other", "alice", true);
        typing.typing("lobby", "alice", false);
        typing.typing("lobby", "alice", false);
        assertEquals(List.of("chat.room.lobby:alice=true/90000", "chat.room.lobby:bob=true/90000", "chat.room.other:alice=true/90000",
                "chat.room.lobby:alice=false/90000"), broadcasts);
    }

    @Test
    void alternatingTrueAndFalseIsThrottledLikeAStreamOfTrue() {
        for (int i = 0; i < 50; i++) {
            typing.typing("lobby", "mallory", true);
            typing.typing("lobby", "mallory", false);
        }
        // One start and one end in the window; the 49 restarts after it are dropped, and so are their ends.
        assertEquals(List.of("chat.room.lobby:mallory=true/90000", "chat.room.lobby:mallory=false/90000"), broadcasts);
    }

    @Test
    void aPostEndsTheThrottleSoTheNextKeystrokeIsNewsAndFalseAfterItIsNot() {
        typing.typing("lobby", "alice", true);
        typing.posted("lobby", "alice");
        typing.typing("lobby", "alice", false);
        typing.typing("lobby", "alice", true);
        assertEquals(List.of("chat.room.lobby:alice=true/90000", "chat.room.lobby:alice=true/90000"), broadcasts);
    }

    @Test
    void theExpiryIsAlwaysLongerThanTheThrottle() {
        ChatSettings settings = new ChatSettings();
        settings.typingThrottleMs = 5000;
        settings.typingExpiryMs = 1000;
        assertEquals(6000, settings.typingExpiryMs());
    }
}
