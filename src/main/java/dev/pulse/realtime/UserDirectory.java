package dev.pulse.realtime;

import java.util.List;
import java.util.Optional;

/**
 * Numeric ids of authenticated users, for protocols that report one (seed 001's {@code user_id}).
 * The accounts feature provides it; inject {@code Instance<UserDirectory>} so a deployment
 * without accounts still works.
 */
public interface UserDirectory {

    Optional<Long> idOf(String username);

    /** Every registered username (for pushes addressed to everyone). */
    default List<String> usernames() {
        return List.of();
    }
}
