package dev.pulse.notification;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The logged-in user's notifications: {@code /api/notifications/}, mark one or all seen. */
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    Notifications notifications;

    @Context
    SecurityContext security;

    @GET
    public Response mine() {
        String user = user();
        if (user == null) {
            return unauthorized();
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        notifications.visibleTo(user, 100).forEach(n -> items.add(Json.createObjectBuilder()
                .add("id", n.id())
                .add("message", n.message())
                .add("for_everyone", n.forEveryone())
                .add("created_at", n.createdAt().toString())
                .add("seen", n.seen())));
        return Response.ok(Json.createObjectBuilder()
                .add("count", notifications.unseenCount(user))
                .add("notifications", items)
                .build()).build();
    }

    @POST
    @Path("{id}/seen")
    public Response markSeen(@PathParam("id") long id) {
        String user = user();
        if (user == null) {
            return unauthorized();
        }
        if (!notifications.markSeen(id, user)) {
            return Response.status(Response.Status.NOT_FOUND).entity(error("No notification " + id + " for you")).build();
        }
        return Response.ok(Json.createObjectBuilder().add("count", notifications.unseenCount(user)).build()).build();
    }

    @POST
    @Path("seen")
    public Response markAllSeen() {
        String user = user();
        if (user == null) {
            return unauthorized();
        }
        int marked = notifications.markAllSeen(user);
        return Response.ok(Json.createObjectBuilder().add("marked", marked).add("count", notifications.unseenCount(user)).build()).build();
    }

    private String user() {
        Principal principal = security.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED).entity(error("Log in first")).build();
    }

    private static JsonObject error(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }
}
