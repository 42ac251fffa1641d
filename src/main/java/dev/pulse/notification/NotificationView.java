package dev.pulse.notification;

import java.time.OffsetDateTime;

/** A notification as one user sees it. */
public record NotificationView(long id, String message, boolean forEveryone, OffsetDateTime createdAt, boolean seen) {
}
