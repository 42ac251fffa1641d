package dev.pulse.notification;

/** Fired inside the creating transaction; observed after it commits, so nothing unsaved is pushed. */
public record NotificationCreated(long id, String message, String audience) {
}
