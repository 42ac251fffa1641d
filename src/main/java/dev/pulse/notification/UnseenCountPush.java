package dev.pulse.notification;

import dev.pulse.realtime.Hub;
import dev.pulse.realtime.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pushes unseen counts once the change is committed: to each affected user's group, and, as seed
 * 004 did on every save, to the anonymous {@code test_consumer_group}. The counts are read in a
 * transaction of their own: the one that fired the event has committed, and WildFly's pool will not
 * enlist a connection in it any more (Payara's would).
 */
@ApplicationScoped
public class UnseenCountPush {

    /** Seed 004's payload shape; {@code current_notification} only when one was just created. */
    public record UnseenCount(long count, String currentNotification) {
    }

    @Inject
    Hub hub;

    @Inject
    Notifications notifications;

    @Inject
    Instance<UserDirectory> users;

    public static String groupOf(String username) {
        return "notifications." + username;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void created(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationCreated event) {
        Set<String> recipients = new HashSet<>();
        if (event.audience() != null) {
            recipients.add(event.audience());
        } else if (users.isResolvable()) {
            recipients.addAll(users.get().usernames());
        }
        Map<String, Long> counts = notifications.unseenCounts(recipients);
        counts.forEach((user, count) -> hub.broadcast(groupOf(user), new UnseenCount(count, event.message()), "unseen"));
        hub.broadcast(TestConsumerGroup.NAME, new UnseenCount(notifications.unseenByAnyone(), event.message()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void seen(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationsSeen event) {
        hub.broadcast(groupOf(event.username()), new UnseenCount(notifications.unseenCount(event.username()), null), "unseen");
    }
}
