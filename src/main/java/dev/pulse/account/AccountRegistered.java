package dev.pulse.account;

/**
 * A user account was registered: fired synchronously inside the registration's transaction, so an
 * observer's writes (a feature's per-user starting state) commit or roll back with the account.
 */
public record AccountRegistered(long accountId, String username) {
}
