package dev.pulse.echo;

/** The echo socket's error frame: {@code {"error": "..."}}. */
public record EchoError(String error) {
}
