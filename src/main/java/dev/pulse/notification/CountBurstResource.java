package dev.pulse.notification;

import dev.pulse.infrastructure.rest.ApiProblem;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET|POST /api/notifications/burst/}: starts seed 004's burst and answers 202 at once.
 * GET is kept because the seed triggered it from a plain page view, so anyone can call it:
 * {@link BurstGate} limits each address (429 with {@code Retry-After}) and runs one burst per
 * group at a time (409 with {@code Retry-After}); count and interval stay bounded (400). The
 * refusals are {@link ApiProblem#said}: {@code CountBurstIT} and {@code BurstLimitIT} read the
 * sentence in {@code error}.
 */
@Path("notifications/burst")
@Produces(MediaType.APPLICATION_JSON)
public class CountBurstResource {

    @Inject
    CountBurst burst;

    @Inject
    BurstGate gate;

    @Context
    HttpServletRequest request;

    @GET
    public void viaGet(@QueryParam("count") Integer count, @QueryParam("interval_ms") Long intervalMs, @Suspended AsyncResponse response) {
        start(count, intervalMs, response);
    }

    /** The burst starts once the 202 has been sent (a completion callback), so the answer precedes every payload. */
    @POST
    public void start(@QueryParam("count") Integer count, @QueryParam("interval_ms") Long intervalMs, @Suspended AsyncResponse response) {
        long wait = gate.admit(request.getRemoteAddr());
        if (wait > 0) {
            response.resume(ApiProblem.retryAfter(429, wait, "Too many bursts from this address, retry in " + wait + " s").getResponse());
            return;
        }
        CountBurst.Plan plan;
        String claim;
        try {
            plan = burst.plan(count, intervalMs);
            claim = burst.claim(plan);
        } catch (IllegalArgumentException e) {
            response.resume(ApiProblem.said(400, e.getMessage()).getResponse());
            return;
        } catch (CountBurst.AlreadyRunning e) {
            response.resume(ApiProblem.retryAfter(409, e.retryAfterSeconds(), e.getMessage()).getResponse());
            return;
        }
        response.register((CompletionCallback) failure -> {
            if (failure == null) {
                burst.run(plan, claim);
            } else {
                burst.release(plan, claim);
            }
        });
        response.resume(Response.accepted(Json.createObjectBuilder()
                .add("group", plan.group())
                .add("count", plan.count())
                .add("interval_ms", plan.intervalMs())
                .build()).build());
    }
}
