package dev.pulse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates and finds accounts. */
@ApplicationScoped
@Transactional
public class AccountService {

    @PersistenceContext(unitName = "pulse")
    EntityManager em;

    @Inject
    AccountPolicy policy;

    @Inject
    PasswordHasher hasher;

    @Inject
    Event<AccountRegistered> registered;

    /** Registers a user account; a taken name is reported, never overwritten. */
    public Account register(String username, String password) throws RegistrationException {
        policy.check(username, password);
        return create(username, password, Set.of(Roles.USER));
    }

    Account create(String username, String password, Set<String> roles) throws RegistrationException {
        // "Alice" next to "alice" would let one user pass for another: names are unique ignoring case.
        if (findIgnoringCase(username).isPresent()) {
            throw new RegistrationException(RegistrationException.Reason.USERNAME_TAKEN, "Username '" + username + "' is taken");
        }
        Account account = new Account(username, hasher.hash(password), roles);
        em.persist(account);
        // Flush here so a concurrent registration of the same name fails inside this call (unique constraint).
        em.flush();
        registered.fire(new AccountRegistered(account.id(), account.username()));
        return account;
    }

    public Optional<Account> find(String username) {
        return em.createQuery("SELECT a FROM Account a WHERE a.username = :username", Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    Optional<Account> findIgnoringCase(String username) {
        return em.createQuery("SELECT a FROM Account a WHERE LOWER(a.username) = LOWER(:username)", Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    public Optional<Long> idOf(String username) {
        return em.createQuery("SELECT a.id FROM Account a WHERE a.username = :username", Long.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    public List<String> usernames() {
        return em.createQuery("SELECT a.username FROM Account a ORDER BY a.id", String.class).getResultList();
    }

    /**
     * Replaces the password of {@code username} when {@code current} is right and {@code next}
     * meets the policy; false for a wrong current password.
     */
    public boolean changePassword(String username, String current, String next) throws RegistrationException {
        Account account = find(username).orElseThrow(() -> new IllegalStateException("no account " + username));
        if (!hasher.matches(current, account.passwordHash())) {
            return false;
        }
        policy.check(username, next);
        account.changePasswordHash(hasher.hash(next));
        return true;
    }

    /** Makes sure the account exists with the role, and with this password when one is given. */
    void ensure(String username, String password, String role) throws RegistrationException {
        Optional<Account> existing = find(username);
        if (existing.isEmpty()) {
            create(username, password, Set.of(Roles.USER, role));
            return;
        }
        Account account = existing.get();
        account.grant(role);
        if (password != null && !hasher.matches(password, account.passwordHash())) {
            account.changePasswordHash(hasher.hash(password));
        }
    }
}
