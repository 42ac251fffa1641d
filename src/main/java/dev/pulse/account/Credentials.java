package dev.pulse.account;

/** {@code {"username": "...", "password": "..."}}, the body of register and login. */
public class Credentials {

    public String username;
    public String password;
}
