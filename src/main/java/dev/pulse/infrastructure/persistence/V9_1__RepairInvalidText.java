package dev.pulse.infrastructure.persistence;

import dev.pulse.realtime.StrictJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Issue 9: text stored before input was checked may hold a lone UTF-16 surrogate or a NUL. Such a
 * row breaks whoever reads it (a chat history replay could not be sent). Each is rewritten as the
 * strict decoder would have needed it: lone surrogates become U+FFFD, NULs are removed. In Java,
 * so it reads the same on PostgreSQL and H2.
 */
public class V9_1__RepairInvalidText extends BaseJavaMigration {

    /** Client-written text columns: table, key, column. */
    private static final List<String[]> COLUMNS = List.of(
            new String[] {"chat_message", "id", "body"},
            new String[] {"market_portfolio", "id", "name"},
            new String[] {"notification", "id", "message"});

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String[] column : COLUMNS) {
            repair(connection, column[0], column[1], column[2]);
        }
    }

    private static void repair(Connection connection, String table, String key, String column) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT " + key + ", " + column + " FROM " + table);
             PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
            while (rows.next()) {
                String value = rows.getString(2);
                if (value != null && StrictJson.firstInvalid(value) >= 0) {
                    update.setString(1, repaired(value));
                    update.setLong(2, rows.getLong(1));
                    update.executeUpdate();
                }
            }
        }
    }

    static String repaired(String value) {
        return StrictJson.wellFormed(value.replace("\u0000", ""));
    }
}
