package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The rules for names of rooms users create (issue 13): length, characters, the reserved private prefix. */
class RoomNamesTest {

    private final RoomNames names = new RoomNames(3, 40);

    @Test
    void acceptsNamesInsideTheRulesTrimmed() throws Exception {
        assertEquals("book-club", names.check("book-club"));
        assertEquals("Club_42", names.check("  Club_42 "));
        assertEquals("abc", names.check("abc"));
        assertEquals("x".repeat(40), names.check("x".repeat(40)));
        assertEquals("9lives", names.check("9lives"));
    }

    @Test
    void refusesNamesOutsideTheRulesSayingWhich() {
        assertRefused(null, "Expected {\"name\": \"<room name>\"}");
        assertRefused("   ", "Expected {\"name\": \"<room name>\"}");
        assertRefused("ab", "Room names have 3 to 40 characters");
        assertRefused("x".repeat(41), "Room names have 3 to 40 characters");
        String rule = "Room names use letters, digits, '-' and '_', and start with a letter or digit";
        assertRefused("two words", rule);
        assertRefused("_under", rule);
        assertRefused("a/b/c", rule);
        assertRefused("caf\u00e9", rule);
        assertRefused("<b>x</b>", rule);
        assertRefused("private-1-2", "Room names starting with 'private-' are reserved");
        assertRefused("PRIVATE-room", "Room names starting with 'private-' are reserved");
    }

    private void assertRefused(String name, String message) {
        assertEquals(message, assertThrows(RoomNames.InvalidRoomName.class, () -> names.check(name)).getMessage());
    }
}
