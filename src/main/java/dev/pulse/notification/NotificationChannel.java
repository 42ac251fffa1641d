package dev.pulse.notification;

import dev.pulse.realtime.Connection;
import dev.pulse.realtime.Hub;
import dev.pulse.realtime.JsonCodec;
import dev.pulse.realtime.FixedReplyChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The logged-in user's unseen count, {@code {"count": N}} on join and after every change.
 * Anonymous sockets are refused with 1008. Push only: any client frame, not decoded, is answered
 * with why nothing happens.
 */
@ApplicationScoped
public class NotificationChannel extends FixedReplyChannel {

    static final String PUSH_ONLY = "{\"error\": \"This socket only pushes; mark notifications seen over HTTP\"}";

    @Inject
    Hub hub;

    @Inject
    JsonCodec codec;

    @Inject
    Notifications notifications;

    public NotificationChannel() {
        super(PUSH_ONLY);
    }

    @Override
    public Optional<Refusal> join(Connection connection, Joining joining) {
        if (connection.user() == null) {
            return Optional.of(Refusal.policy("Log in to receive notifications"));
        }
        // Joined at the handshake, read now: a change committed in between is pushed, never missed.
        hub.join(UnseenCountPush.groupOf(connection.user()), connection);
        long unseen = notifications.unseenCount(connection.user());
        connection.send(codec.encode(new UnseenCountPush.UnseenCount(unseen, null)), "unseen");
        return Optional.empty();
    }
}
