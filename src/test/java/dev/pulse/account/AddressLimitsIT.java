package dev.pulse.account;

import static dev.pulse.account.AccountSession.credentials;
import static dev.pulse.account.AccountsIT.assertTooMany;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.support.ServerProcess;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The per-address limits (docs/accounts-and-chat.md): too many failed logins, or registrations, from
 * one address are refused with 429 for everyone there. Every test client is 127.0.0.1, so these run
 * on an instance of their own at the product's defaults: what they use up would refuse every later
 * test on the shared server (which lifts these limits, see pom.xml).
 */
// Registrations last: the login test registers its victim first.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddressLimitsIT {

    /** Far above any limit a deployment would configure: a loop that never sees 429 fails instead of spinning. */
    private static final int GIVE_UP_AFTER = 2000;

    static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.standaloneWithDefaultLimits("address-limits");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void manyFailuresFromOneAddressAre429ForEveryone() {
        AccountSession owner = AccountSession.newUser(server.base(), "victim");
        AccountSession client = new AccountSession(server.base());
        HttpResponse<String> last = null;
        for (int i = 0; i < GIVE_UP_AFTER; i++) {
            // A new unknown name each time, so only the address limit can stop it.
            last = client.post("api/accounts/login", credentials(AccountSession.uniqueName("nobody"), "whatever-pass"));
            if (last.statusCode() == 429) {
                break;
            }
            assertEquals(401, last.statusCode(), last.body());
        }
        assertTooMany(last);
        assertEquals(429, new AccountSession(server.base()).post("api/accounts/login", credentials(owner.username(), AccountSession.PASSWORD)).statusCode());
    }

    @Test
    @Order(2)
    void manyRegistrationsFromOneAddressAre429() {
        AccountSession client = new AccountSession(server.base());
        HttpResponse<String> last = null;
        for (int i = 0; i < GIVE_UP_AFTER; i++) {
            // Invalid registrations count too (and cost no hashing, so the test stays cheap).
            last = client.post("api/accounts/register", credentials("x", "short"));
            if (last.statusCode() == 429) {
                break;
            }
            assertEquals(400, last.statusCode(), last.body());
        }
        assertTooMany(last);
        assertEquals(429, client.post("api/accounts/register", credentials(AccountSession.uniqueName("late"), AccountSession.PASSWORD)).statusCode());
    }
}
