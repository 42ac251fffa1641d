package dev.pulse.account;

import dev.pulse.realtime.HttpSessionEnd;
import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerRequired;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JSON accounts API for pages and non-browser clients. Login authenticates through Jakarta
 * Security and leaves the caller in the HTTP session (cookie {@code JSESSIONID}); a WebSocket
 * opened with that cookie runs as the same user.
 *
 * <p>Refusals are {@link ApiProblem}s in the {@link dev.pulse.infrastructure.rest.ApiError#said}
 * dialect: the sentence in {@code error} (and {@code message}), as {@code AccountsIT},
 * {@code AccountSecurityIT} and the login and register pages read it. {@code /me} and
 * {@code /password} need a caller ({@link CallerRequired}: 401 {@code not_authenticated}).
 */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final Logger LOG = Logger.getLogger(AccountResource.class.getName());

    @Inject
    AccountService accounts;

    @Inject
    SecurityContext security;

    @Inject
    LoginThrottle throttle;

    @Inject
    AccountPolicy policy;

    @Inject
    SessionSockets sessions;

    @Inject
    PasswordHasher hasher;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    public record Me(String username, List<String> roles) {
    }

    @POST
    @Path("/register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Credentials credentials) {
        if (credentials == null) {
            throw ApiProblem.said(400, "Expected {\"username\": \"...\", \"password\": \"...\"}");
        }
        long wait = throttle.registration(request.getRemoteAddr());
        if (wait > 0) {
            throw tooManyAttempts(wait);
        }
        try {
            Account account = accounts.register(credentials.username, credentials.password);
            return Response.status(Response.Status.CREATED).entity(Map.of("username", account.username())).build();
        } catch (RegistrationException e) {
            throw ApiProblem.said(e.reason() == RegistrationException.Reason.USERNAME_TAKEN ? 409 : 400, e.getMessage());
        } catch (PersistenceException | TransactionalException e) {
            // Lost a race for the same name against another registration: the unique constraint decided.
            if (accounts.find(credentials.username).isPresent()) {
                throw ApiProblem.said(409, "Username '" + credentials.username + "' is taken");
            }
            throw e;
        }
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(Credentials credentials) {
        if (credentials == null || credentials.username == null || credentials.password == null) {
            throw ApiProblem.said(400, "Expected {\"username\": \"...\", \"password\": \"...\"}");
        }
        // Throttled before anything is hashed: the hash is the expensive part.
        LoginThrottle.Verdict verdict = throttle.login(credentials.username, request.getRemoteAddr());
        if (!verdict.admitted()) {
            throw tooManyAttempts(verdict.retryAfterSeconds());
        }
        if (!policy.plausibleUsername(credentials.username)) {
            // No account can have this name: refuse without a database lookup (the attempt stays counted).
            throw ApiProblem.said(401, "Wrong username or password");
        }
        // A new session id at login, so a session id known before authentication is worth nothing after it.
        HttpSession existing = request.getSession(false);
        if (existing != null && request.getUserPrincipal() != null) {
            // Already logged in: the previous login ends first (its sockets with it), whoever logs in now.
            try {
                request.logout();
            } catch (ServletException e) {
                LOG.log(Level.FINE, "logout before login", e);
            }
            HttpSessionEnd.invalidate(existing);
            request.getSession(true);
        } else if (existing != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(credentials.username, credentials.password))
                .newAuthentication(true));
        Principal caller = security.getCallerPrincipal();
        if (status != AuthenticationStatus.SUCCESS && accounts.find(credentials.username).isEmpty()) {
            // The identity store returns at once for an unknown name: hash anyway, so the time is the same.
            hasher.verifyAgainstDummy(credentials.password);
        }
        if (status != AuthenticationStatus.SUCCESS || caller == null || !credentials.username.equals(caller.getName())) {
            LOG.fine(() -> "login refused for " + credentials.username + ": " + status);
            throw ApiProblem.said(401, "Wrong username or password");
        }
        throttle.succeeded(verdict.attempt().orElseThrow());
        sessions.loggedIn(caller.getName(), request.getSession(true));
        return Response.ok(me(credentials.username)).build();
    }

    /**
     * Changes the caller's password. The current password is checked (throttled like a login, so a
     * stolen session cannot guess it), and every other logged-in session of the user on this
     * instance ends: whoever else knew the old password is logged out.
     */
    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @CallerRequired
    public Response changePassword(PasswordChange change) {
        // The principal CallerCheck found: never null here.
        Principal caller = request.getUserPrincipal();
        if (change == null || change.currentPassword == null || change.newPassword == null) {
            throw ApiProblem.said(400, "Expected {\"current_password\": \"...\", \"new_password\": \"...\"}");
        }
        LoginThrottle.Verdict verdict = throttle.login(caller.getName(), request.getRemoteAddr());
        if (!verdict.admitted()) {
            throw tooManyAttempts(verdict.retryAfterSeconds());
        }
        try {
            if (!accounts.changePassword(caller.getName(), change.currentPassword, change.newPassword)) {
                throw ApiProblem.said(403, "Wrong current password");
            }
        } catch (RegistrationException invalid) {
            throttle.succeeded(verdict.attempt().orElseThrow());
            throw ApiProblem.said(400, invalid.getMessage().replace("Password", "New password"));
        }
        throttle.succeeded(verdict.attempt().orElseThrow());
        HttpSession current = request.getSession(false);
        sessions.endOtherSessions(caller.getName(), current == null ? "" : current.getId());
        return Response.noContent().build();
    }

    @POST
    @Path("/logout")
    public Response logout() {
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.log(Level.FINE, "logout", e);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            HttpSessionEnd.invalidate(session);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @CallerRequired
    public Response me() {
        return Response.ok(me(request.getUserPrincipal().getName())).build();
    }

    /**
     * Who the caller is, for pages that show it: always 200, {@code {"authenticated": false}} for a
     * visitor, else {@code {"authenticated": true, "username": ..., "roles": [...]}} (a page asking
     * {@code /me} of a visitor would log a failed request in the browser's console on every load).
     */
    @GET
    @Path("/session")
    public Response session() {
        // The servlet's principal, null for a visitor on every server (Jakarta Security's caller
        // principal is Elytron's "anonymous" on WildFly).
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            return Response.ok(Map.of("authenticated", false)).build();
        }
        Me me = me(caller.getName());
        return Response.ok(Map.of("authenticated", true, "username", me.username(), "roles", me.roles())).build();
    }

    private Me me(String username) {
        return new Me(username, List.of(Roles.USER, Roles.ADMIN).stream().filter(security::isCallerInRole).toList());
    }

    /** 429 with {@code Retry-After}; {@code AccountsIT} reads the text in {@code error}. */
    private static ApiProblem tooManyAttempts(long retryAfterSeconds) {
        return ApiProblem.retryAfter(429, retryAfterSeconds, "Too many attempts, retry in " + retryAfterSeconds + " s");
    }
}
