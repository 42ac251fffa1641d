package dev.pulse.account;

/** A registration that cannot be accepted; the message is meant for the user. */
public class RegistrationException extends Exception {

    /** Why: the REST edge turns it into a status code. */
    public enum Reason { INVALID, USERNAME_TAKEN }

    private final Reason reason;

    public RegistrationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
