package dev.pulse.notification;

/** A notification that cannot be created as asked; the message is for the admin. */
public class NotificationRejected extends RuntimeException {

    public NotificationRejected(String message) {
        super(message);
    }
}
