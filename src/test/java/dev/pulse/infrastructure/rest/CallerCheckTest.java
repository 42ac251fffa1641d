package dev.pulse.infrastructure.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.Roles;
import java.security.Principal;
import org.junit.jupiter.api.Test;

class CallerCheckTest {

    private static final Principal ALICE = () -> "alice";

    @Test
    void nobodyLoggedInIs401NotAuthenticated() {
        CallerCheck.Refusal refusal = CallerCheck.verdict(null, role -> true, false).orElseThrow();
        assertEquals(401, refusal.status());
        // MarketRealtimeIT and FeedControlIT assert the code.
        assertEquals("not_authenticated", refusal.body().error());
        assertEquals("Log in first: POST /api/accounts/login", refusal.body().message());
        assertEquals(401, CallerCheck.verdict(null, role -> true, true).orElseThrow().status(), "401 before 403");
    }

    @Test
    void aUserWhereAnAdministratorIsRequiredIs403Forbidden() {
        CallerCheck.Refusal refusal = CallerCheck.verdict(ALICE, Roles.USER::equals, true).orElseThrow();
        assertEquals(403, refusal.status());
        assertEquals("forbidden", refusal.body().error());
        assertEquals("Administrators only", refusal.body().message());
    }

    @Test
    void aCallerWhoQualifiesPasses() {
        assertTrue(CallerCheck.verdict(ALICE, role -> false, false).isEmpty());
        assertTrue(CallerCheck.verdict(ALICE, Roles.ADMIN::equals, true).isEmpty());
    }
}
