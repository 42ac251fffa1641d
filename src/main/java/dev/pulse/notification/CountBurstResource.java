package dev.pulse.notification;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
    public Response viaGet(@QueryParam("count") Integer count, @QueryParam("interval_ms") Long intervalMs) {
        return start(count, intervalMs);
    }

    @POST
    public Response start(@QueryParam("count") Integer count, @QueryParam("interval_ms") Long intervalMs) {
        try {
            CountBurst.Plan plan = burst.start(count, intervalMs);
            return Response.accepted(Json.createObjectBuilder()
                    .add("group", plan.group())
                    .add("count", plan.count())
                    .add("interval_ms", plan.intervalMs())
                    .build()).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Json.createObjectBuilder().add("error", e.getMessage()).build())
                    .build();
        }
    }
}
