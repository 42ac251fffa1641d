package dev.pulse.infrastructure.rest;

import dev.pulse.account.Roles;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Enforces {@link CallerRequired}: 401 {@code {"error": "not_authenticated", "message": "Log in
 * first: POST /api/accounts/login"}} when nobody is logged in, 403 {@code {"error": "forbidden",
 * "message": "Administrators only"}} when an administrator is required and the caller is not one
 * ({@code MarketRealtimeIT} and {@code FeedControlIT} assert the codes). A JAX-RS filter bound to
 * the resource methods rather than a web.xml constraint: a constraint would forward API clients
 * to the HTML login page, and a binding follows the method, whatever spelling of its URL reached it.
 * It runs at {@link Priorities#AUTHORIZATION}, before {@link JsonBodyCheck}: an anonymous caller is
 * told to log in whatever body it sent.
 */
@Provider
@CallerRequired
@Priority(Priorities.AUTHORIZATION)
public class CallerCheck implements ContainerRequestFilter {

    /** A refusal: the status and the body. */
    record Refusal(int status, ApiError body) {
    }

    static final Refusal NOT_AUTHENTICATED =
            new Refusal(401, ApiError.of("not_authenticated", "Log in first: POST /api/accounts/login"));

    static final Refusal NOT_ADMIN = new Refusal(403, ApiError.of("forbidden", "Administrators only"));

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext caller = request.getSecurityContext();
        verdict(caller == null ? null : caller.getUserPrincipal(), caller == null ? role -> false : caller::isUserInRole,
                required().admin())
                .ifPresent(refusal -> request.abortWith(refusal.body().response(refusal.status())));
    }

    /** Whom {@link CallerRequired} refuses: nobody logged in, or not an administrator where one is required. */
    static Optional<Refusal> verdict(Principal caller, Predicate<String> inRole, boolean adminRequired) {
        if (caller == null) {
            return Optional.of(NOT_AUTHENTICATED);
        }
        if (adminRequired && !inRole.test(Roles.ADMIN)) {
            return Optional.of(NOT_ADMIN);
        }
        return Optional.empty();
    }

    private CallerRequired required() {
        CallerRequired onMethod = resource.getResourceMethod().getAnnotation(CallerRequired.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(CallerRequired.class);
    }
}
