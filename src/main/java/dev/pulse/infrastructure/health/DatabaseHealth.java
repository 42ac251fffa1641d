package dev.pulse.infrastructure.health;

import dev.pulse.infrastructure.persistence.SchemaMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers; reports the schema version. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    @Inject
    SchemaMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = migrations.connection()) {
            return HealthCheckResponse.named("database")
                    .status(connection.isValid(2))
                    .withData("product", connection.getMetaData().getDatabaseProductName())
                    .withData("schema_version", migrations.version())
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
