package dev.pulse.notification;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET|POST /api/notifications/burst/}: starts seed 004's burst and answers 202 at once.
 * GET is kept because the seed triggered it from a plain page view.
 */
@Path("notifications/burst")
@Produces(MediaType.APPLICATION_JSON)
public class CountBurstResource {

    @Inject
    CountBurst burst;

    @GET
    public void viaGet(@QueryParam("count") Integer count, @QueryParam("interval_ms") Long intervalMs, @Suspended AsyncResponse response) {
        start(count, intervalMs, response);
    }

    /** The burst starts once the 202 has been sent (a completion callback), so the answer precedes every payload. */
    @POST
    public void start(@QueryParam("count") Integer count, @QueryParam("interval_ms") Long intervalMs, @Suspended AsyncResponse response) {
        CountBurst.Plan plan;
        try {
            plan = burst.plan(count, intervalMs);
        } catch (IllegalArgumentException e) {
            response.resume(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Json.createObjectBuilder().add("error", e.getMessage()).build())
                    .build());
            return;
        }
        response.register((CompletionCallback) failure -> {
            if (failure == null) {
                burst.run(plan);
            }
        });
        response.resume(Response.accepted(Json.createObjectBuilder()
                .add("group", plan.group())
                .add("count", plan.count())
                .add("interval_ms", plan.intervalMs())
                .build()).build());
    }
}
