package dev.pulse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Set;

/**
 * The session login every request runs under: the application's own Jakarta Security
 * {@link HttpAuthenticationMechanism}, which the container calls on every request, protected or
 * not, the WebSocket upgrade included.
 * <ul>
 * <li>With a credential ({@link AccountResource#login} calls {@code SecurityContext.authenticate}):
 * the identity store ({@link SecurityConfiguration}) checks it; a valid caller's name and groups
 * are kept in the HTTP session; an invalid one gets {@code SEND_FAILURE} and the response is left
 * to the caller.</li>
 * <li>Without one: the session's caller, if any, is announced to the container again with its
 * name <em>and its groups</em>.</li>
 * <li>An anonymous request for a protected view ({@code /admin/*} in web.xml) is forwarded to the
 * login page: the URL stays the protected one.</li>
 * </ul>
 * Why not {@code @CustomFormAuthenticationMechanismDefinition} with {@code @AutoApplySession}: that
 * announces only the session's principal and lets the container find the groups again through a
 * security context that Payara 6 shares between threads. Under concurrent requests the lookup fails
 * now and then and an administrator's request runs without the admin role: 403 on the admin page,
 * one CI run in about fifteen (payara/Payara#6145, fixed by payara/Payara#7928 in 2026, after the
 * newest Payara 6 served here; the same fault in GlassFish: eclipse-ee4j/glassfish#25141).
 * Announcing the groups explicitly takes the container's other path, which builds the subject from
 * them alone. Roles are read at login, as before: a role granted later counts from the next login.
 */
@ApplicationScoped
public class SessionAuthentication implements HttpAuthenticationMechanism {

    /** The session attribute holding the logged-in {@link Caller}. */
    static final String CALLER = SessionAuthentication.class.getName() + ".caller";

    static final String LOGIN_PAGE = "/accounts/login.html";

    /** Who is logged in on a session: the caller's name and the identity store's groups for it. */
    record Caller(String name, Set<String> groups) implements Serializable {
    }

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return logIn(request, context, credential);
        }
        HttpSession session = request.getSession(false);
        Object caller = session == null ? null : session.getAttribute(CALLER);
        if (caller instanceof Caller known) {
            return context.notifyContainerAboutLogin(known.name(), known.groups());
        }
        if (context.isProtected()) {
            return context.forward(LOGIN_PAGE);
        }
        return context.doNothing();
    }

    private AuthenticationStatus logIn(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // No error page: the caller (AccountResource) answers in the API's own shape.
            return AuthenticationStatus.SEND_FAILURE;
        }
        Caller caller = new Caller(result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups()));
        request.getSession(true).setAttribute(CALLER, caller);
        return context.notifyContainerAboutLogin(caller.name(), caller.groups());
    }

    /** Called by {@code HttpServletRequest.logout()}: the session no longer carries a caller. */
    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(CALLER);
        }
    }
}
