package dev.pulse.account;

import dev.pulse.realtime.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Usernames to account ids for the realtime core. Ids never change, so a found one is cached. */
@ApplicationScoped
public class AccountDirectory implements UserDirectory {

    @Inject
    AccountService accounts;

    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    @Override
    public Optional<Long> idOf(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Long cached = ids.get(username);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Long> found = accounts.idOf(username);
        found.ifPresent(id -> ids.put(username, id));
        return found;
    }

    @Override
    public List<String> usernames() {
        return accounts.usernames();
    }
}
