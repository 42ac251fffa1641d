package dev.pulse.notification;

import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerRequired;
import dev.pulse.realtime.Timestamps;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The logged-in user's notifications: {@code /api/notifications/}, mark one or all seen. Anonymous
 * callers get {@link CallerRequired}'s 401 {@code not_authenticated}; an unknown id is 404
 * {@link ApiProblem#said} (the sentence in {@code error}, as {@code notifications.js} shows it).
 */
@Path("notifications")
@CallerRequired
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    Notifications notifications;

    @Context
    SecurityContext security;

    @GET
    public Response mine() {
        String user = user();
        JsonArrayBuilder items = Json.createArrayBuilder();
        notifications.visibleTo(user, 100).forEach(n -> items.add(Json.createObjectBuilder()
                .add("id", n.id())
                .add("message", n.message())
                .add("for_everyone", n.forEveryone())
                .add("created_at", Timestamps.iso(n.createdAt().toInstant()))
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
        if (!notifications.markSeen(id, user)) {
            throw ApiProblem.said(404, "No notification " + id + " for you");
        }
        return Response.ok(Json.createObjectBuilder().add("count", notifications.unseenCount(user)).build()).build();
    }

    @POST
    @Path("seen")
    public Response markAllSeen() {
        String user = user();
        int marked = notifications.markAllSeen(user);
        return Response.ok(Json.createObjectBuilder().add("marked", marked).add("count", notifications.unseenCount(user)).build()).build();
    }

    /** The caller's name: {@link CallerRequired} let only a logged-in caller through. */
    private String user() {
        return security.getUserPrincipal().getName();
    }
}
