package dev.pulse.market.web;

import dev.pulse.account.Roles;
import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Enforces {@link CallerRequired}: 401 when nobody is logged in, 403 when an administrator is
 * required and the caller is not one, both as JSON. A JAX-RS filter bound to the resource methods
 * rather than a web.xml constraint: a constraint would forward API clients to the HTML login page,
 * and a binding follows the method, whatever spelling of its URL reached it.
 */
@Provider
@CallerRequired
@Priority(Priorities.AUTHORIZATION)
public class CallerCheck implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext caller = request.getSecurityContext();
        if (caller == null || caller.getUserPrincipal() == null) {
            request.abortWith(refusal(Response.Status.UNAUTHORIZED, "not_authenticated", "Log in first: POST /api/accounts/login"));
            return;
        }
        if (required().admin() && !caller.isUserInRole(Roles.ADMIN)) {
            request.abortWith(refusal(Response.Status.FORBIDDEN, "forbidden", "Administrators only"));
        }
    }

    private CallerRequired required() {
        CallerRequired onMethod = resource.getResourceMethod().getAnnotation(CallerRequired.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(CallerRequired.class);
    }

    static Response refusal(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", code).add("message", message).build().toString())
                .build();
    }
}
