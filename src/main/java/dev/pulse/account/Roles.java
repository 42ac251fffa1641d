package dev.pulse.account;

/** The application's roles; groups in the identity store map to roles of the same name. */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
