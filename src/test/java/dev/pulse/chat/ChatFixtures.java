package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.account.AccountSession;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What the chat's integration tests share: a private room of two fresh users, and a room's stored ids. */
public final class ChatFixtures {

    private ChatFixtures() {
    }

    /** A private room of two fresh users: a room no other test touches. */
    public record Pair(AccountSession a, AccountSession b, String room) {
    }

    public static Pair privatePair(URL base, String prefix) {
        AccountSession a = AccountSession.newUser(base, prefix + "a");
        AccountSession b = AccountSession.newUser(base, prefix + "b");
        HttpResponse<String> opened = a.post("api/chat/private/" + b.username(), null);
        assertEquals(200, opened.statusCode(), opened.body());
        return new Pair(a, b, WsClient.parse(opened.body()).getString("room"));
    }

    /** The ids of a room's stored messages, in id order, as the database has them. */
    public static List<Long> storedIds(String room) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT m.id FROM chat_message m JOIN chat_room r ON r.id = m.room_id WHERE r.name = ? ORDER BY m.id")) {
            query.setString(1, room);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }
}
