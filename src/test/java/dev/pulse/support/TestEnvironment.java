package dev.pulse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What pom.xml hands the integration tests (Failsafe's system properties and environment), read
 * without fallbacks: a value pom.xml does not set fails loudly instead of passing on a default.
 */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    /** The bootstrap administrator's password; the servers get the same value as PULSE_ADMIN_PASSWORD. */
    public static String adminPassword() {
        return property("pulse.it.adminPassword");
    }

    /** The test database the servers use, for test-side queries of stored facts. */
    public static Connection database() throws SQLException {
        return DriverManager.getConnection(env("DB_URL"), env("DB_USER"), env("DB_PASSWORD"));
    }

    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through `mvn verify` (pom.xml sets it)");
        }
        return value;
    }

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set: run the tests through `mvn verify` (pom.xml sets it)");
        }
        return value;
    }
}
