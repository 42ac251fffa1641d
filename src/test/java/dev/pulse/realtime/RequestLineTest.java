package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLineTest {

    @Test
    void acceptsOrdinaryPathsAndQueries() {
        assertEquals(Optional.empty(), RequestLine.problem("/ws/rooms/lobby/", "after=12&x=%C3%A9+y"));
        assertEquals(Optional.empty(), RequestLine.problem("/ws/tick/", null));
    }

    @Test
    void refusesBrokenEscapes() {
        assertEquals(Optional.of("Malformed query string: incomplete escape at index 5"), RequestLine.problem("/ws/chat/", "x=100%"));
        assertEquals(Optional.of("Malformed query string: invalid escape at index 2"), RequestLine.problem("/ws/chat/", "x=%ZZ"));
        assertEquals(Optional.of("Malformed path: invalid escape at index 3"), RequestLine.problem("/ws%ZZ/", null));
    }

    @Test
    void refusesNulControlCharactersAndInvalidUtf8() {
        assertEquals(Optional.of("Malformed query string: control character %00 not allowed"), RequestLine.problem("/ws/chat/", "x=%00"));
        assertEquals(Optional.of("Malformed query string: escapes are not valid UTF-8"), RequestLine.problem("/ws/chat/", "x=%C3%28"));
    }

    @Test
    void refusesRawBytesAndCharactersAUriCannotHold() {
        assertEquals(Optional.of("Malformed query string: raw character at index 2 must be percent-encoded"),
                RequestLine.problem("/ws/chat/", "x=\u00e9"));
        assertEquals(Optional.of("Malformed path: character not allowed at index 6"), RequestLine.problem("/ws/ch<at/", null));
    }
}
