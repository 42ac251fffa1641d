package dev.pulse.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the newest version in {@code db/migration} at start-up. Startup beans that
 * touch the database declare {@code @DependsOn("SchemaMigrations")}.
 */
@DataSourceDefinition(
        name = SchemaMigrations.DATASOURCE,
        // db.class, db.url, db.user, db.password (DB_CLASS...) are read by this class on every server
        className = "dev.pulse.infrastructure.persistence.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        // A connection broken by a database outage is found and replaced when next taken from the
        // pool, and all others with it, so Pulse works again as soon as the database is back
        // (Payara's pool; WildFly ignores these names with a warning at deployment).
        properties = {
            "configPrefix=db",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            "fish.payara.max-wait-time-in-millis=10000"
        })
@Singleton
@Startup
@Lock(LockType.READ)
public class SchemaMigrations {

    public static final String DATASOURCE = "java:app/jdbc/pulse";

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    private volatile String version = "none";

    // Flyway commits each migration itself, so it must not run inside a container transaction.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V9_1__RepairInvalidText())
                .load()
                .migrate();
        version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : result.initialSchemaVersion != null ? result.initialSchemaVersion : "none";
        LOG.info(() -> "Schema at version " + version + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    public String version() {
        return version;
    }

    /**
     * A connection from Pulse's pool, outside any transaction, for checks run by the server on its
     * own threads (WildFly runs health checks on a management thread, where {@code java:app} names
     * do not resolve; this bean's own reference does).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
