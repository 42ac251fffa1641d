package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ClientGoneTest {

    @Test
    void aClosedConnectionOrAnEarlyEndIsTheClientLeaving() {
        assertTrue(ClientGone.is(new IOException("Connection is closed")));
        assertTrue(ClientGone.is(new EOFException()));
        assertTrue(ClientGone.is(new RuntimeException("wrapped", new UncheckedIOException(new IOException("Connection is closed")))));
    }

    @Test
    void otherFailuresAreTheServers() {
        assertFalse(ClientGone.is(new IOException("No space left on device")));
        assertFalse(ClientGone.is(new IllegalStateException("Connection is closed")));
        assertFalse(ClientGone.is(new RuntimeException()));
        assertFalse(ClientGone.is(null));
    }
}
