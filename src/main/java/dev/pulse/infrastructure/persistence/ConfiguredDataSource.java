package dev.pulse.infrastructure.persistence;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The JDBC data source behind the server's pool for {@code java:app/jdbc/pulse}, chosen by
 * MicroProfile Config on every server alike: {@code db.class} (a {@link DataSource} class, e.g.
 * {@code org.postgresql.ds.PGSimpleDataSource}; default the embedded H2), {@code db.url},
 * {@code db.user}, {@code db.password} (environment {@code DB_CLASS}, {@code DB_URL},
 * {@code DB_USER}, {@code DB_PASSWORD}). Payara resolved those keys in the
 * {@code @DataSourceDefinition} itself ({@code ${MPCONFIG=...}}); WildFly cannot, so the annotation
 * names this class and this class reads the configuration, the same way on both.
 *
 * <p>The target is made at the first connection; a wrong class name or a refused URL fails that
 * connection with an {@link SQLException} naming the key to fix.
 */
public class ConfiguredDataSource implements DataSource {

    private volatile DataSource target;
    private String prefix = "db";
    private PrintWriter logWriter;
    private int loginTimeoutSeconds;

    /**
     * The configuration keys' prefix, {@code db} in Pulse's {@code @DataSourceDefinition}: set by the
     * server's pool as a data source property (WildFly's pool refuses a class with no property).
     */
    public void setConfigPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getConfigPrefix() {
        return prefix;
    }

    private DataSource target() throws SQLException {
        DataSource made = target;
        if (made == null) {
            synchronized (this) {
                made = target;
                if (made == null) {
                    made = create();
                    target = made;
                }
            }
        }
        return made;
    }

    private DataSource create() throws SQLException {
        ClassLoader loader = ConfiguredDataSource.class.getClassLoader();
        Config config = ConfigProvider.getConfig(loader);
        String className = config.getValue(prefix + ".class", String.class);
        try {
            Object instance = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
            if (!(instance instanceof DataSource dataSource)) {
                throw new SQLException("db.class (DB_CLASS) " + className + " is not a javax.sql.DataSource");
            }
            set(dataSource, config.getValue(prefix + ".url", String.class), "setURL", "setUrl");
            config.getOptionalValue(prefix + ".user", String.class).ifPresent(user -> set(dataSource, user, "setUser"));
            config.getOptionalValue(prefix + ".password", String.class).ifPresent(password -> set(dataSource, password, "setPassword"));
            return dataSource;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SQLException("db.class (DB_CLASS) " + className + " cannot be made: " + e, e);
        }
    }

    /** Calls the first of these one-String setters the class has (JDBC drivers spell the URL's differently). */
    private static void set(DataSource dataSource, String value, String... setters) {
        for (String setter : setters) {
            Method method;
            try {
                method = dataSource.getClass().getMethod(setter, String.class);
            } catch (NoSuchMethodException e) {
                continue;
            }
            try {
                method.invoke(dataSource, value);
                return;
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(dataSource.getClass().getName() + "." + setter + " failed: " + e, e);
            }
        }
        throw new IllegalStateException(dataSource.getClass().getName() + " has none of " + String.join(", ", setters) + "(String)");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    /** The configured credentials unless the pool names others (WildFly's pool passes none as null or empty). */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return user == null || user.isEmpty() ? target().getConnection() : target().getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target().isWrapperFor(type);
    }
}
