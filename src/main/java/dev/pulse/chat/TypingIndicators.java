package dev.pulse.chat;

import dev.pulse.realtime.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is typing in a room: ephemeral, never stored. A user's {@code {"typing":true}} is broadcast
 * to the room as {@link ChatEvents.Typing} at most once per {@code pulse.chat.typing-throttle-ms}
 * (a client may send one per keystroke; the rest are dropped here, not queued); each frame carries
 * {@code expires_in_ms}, after which clients hide the indicator unless a fresh one came, so a
 * closed tab or a lost frame never leaves "alice is typing" up. {@code {"typing":false}} and a
 * posted message end it at once.
 *
 * <p>The throttle is per instance: a user typing in two tabs on two instances may be announced by
 * both, which costs a frame, not correctness.
 */
@ApplicationScoped
public class TypingIndicators {

    private static final int KEPT = 10_000;

    @Inject
    Hub hub;

    @Inject
    ChatSettings settings;

    /**
     * Each (room, user) last announced as typing: when, and whether the indicator is still up. An
     * ended one is kept until its throttle window passes, so that alternating true and false is
     * throttled like a stream of true (at most one of each per window).
     */
    private record Announced(long at, boolean active) {
    }

    private final Map<String, Announced> announced = new ConcurrentHashMap<>();

    /** {@code user} started or stopped typing in {@code room}. */
    public void typing(String room, String user, boolean typing) {
        long now = System.currentTimeMillis();
        String key = room + '\n' + user;
        Announced last = announced.get(key);
        if (typing) {
            if (last != null && now - last.at() < settings.typingThrottleMs()) {
                return;
            }
            if (announced.size() >= KEPT) {
                long expired = now - Math.max(settings.typingExpiryMs(), settings.typingThrottleMs());
                announced.values().removeIf(entry -> entry.at() < expired);
            }
            announced.put(key, new Announced(now, true));
            broadcast(room, user, true);
        } else if (last != null && last.active()) {
            announced.put(key, new Announced(last.at(), false));
            // Nobody shows an indicator that has expired: nothing to end.
            if (now - last.at() < settings.typingExpiryMs()) {
                broadcast(room, user, false);
            }
        }
    }

    /** {@code user} posted in {@code room}: clients end the indicator on the message itself; the next keystroke is news again. */
    public void posted(String room, String user) {
        announced.remove(room + '\n' + user);
    }

    private void broadcast(String room, String user, boolean typing) {
        hub.broadcast(ChatPosting.group(room), new ChatEvents.Typing(room, user, typing, settings.typingExpiryMs()));
    }
}
