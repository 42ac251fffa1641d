/**
 * Accounts: registration, session login through Jakarta Security (database identity store,
 * PBKDF2 hashes), the bootstrap administrator and the {@link dev.pulse.realtime.UserDirectory}.
 */
package dev.pulse.account;
