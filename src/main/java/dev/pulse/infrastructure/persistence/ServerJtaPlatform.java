package dev.pulse.infrastructure.persistence;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.AbstractJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformException;

/**
 * Hibernate's view of the server's JTA transaction manager, on either server Pulse runs on:
 * Payara binds it at {@code java:appserver/TransactionManager} (Hibernate's
 * {@code SunOneJtaPlatform}), WildFly at {@code java:jboss/TransactionManager}
 * ({@code JBossAppServerJtaPlatform}). Named in {@code META-INF/persistence.xml}, because Pulse
 * bundles its own Hibernate ORM and no server's integration picks the platform for it.
 */
public final class ServerJtaPlatform extends AbstractJtaPlatform {

    private static final long serialVersionUID = 1L;

    /** Where each supported server binds its transaction manager, probed in this order. */
    static final List<String> TRANSACTION_MANAGERS = List.of("java:appserver/TransactionManager", "java:jboss/TransactionManager");

    @Override
    protected TransactionManager locateTransactionManager() {
        NamingException last = null;
        for (String name : TRANSACTION_MANAGERS) {
            try {
                return (TransactionManager) new InitialContext().lookup(name);
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new JtaPlatformException("no JTA transaction manager at " + TRANSACTION_MANAGERS, last);
    }

    @Override
    protected UserTransaction locateUserTransaction() {
        try {
            return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        } catch (NamingException e) {
            throw new JtaPlatformException("no UserTransaction at java:comp/UserTransaction", e);
        }
    }
}
