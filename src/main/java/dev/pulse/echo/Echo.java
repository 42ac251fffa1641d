package dev.pulse.echo;

import jakarta.enterprise.context.ApplicationScoped;

/** What the echo socket answers. */
@ApplicationScoped
public class Echo {

    public String reply(String message) {
        return "You said: " + message;
    }
}
