package dev.pulse.notification;

/** A user marked notifications seen; observed after commit to push the new count. */
public record NotificationsSeen(String username) {
}
