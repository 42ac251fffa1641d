package dev.pulse.chat;

import dev.pulse.account.AccountPolicy;
import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerCheck;
import dev.pulse.infrastructure.rest.CallerRequired;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * JSON for the chat pages: rooms, private conversations, and a room's details. Logged-in users
 * only ({@link CallerRequired}: 401 {@code not_authenticated}). Other refusals are
 * {@link ApiProblem#said} (the sentence in {@code error}, as {@code ChatIT} and {@code chat-api.js} read it).
 */
@Path("/chat")
@CallerRequired
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    @Context
    SecurityContext security;

    @Inject
    ChatRooms rooms;

    @Inject
    PresenceTracker presence;

    @Inject
    AccountPolicy accountPolicy;

    @Inject
    ChatMessages messages;

    @Inject
    ChatSettings settings;

    public record RoomDetails(String name, @JsonbProperty("private") boolean isPrivate, @JsonbProperty("online_count") int onlineCount) {
    }

    @GET
    @Path("/rooms")
    public Response publicRooms() {
        return Response.ok(rooms.publicRooms()).build();
    }

    @GET
    @Path("/rooms/{room}")
    public Response room(@PathParam("room") String room) {
        RoomAccess access = rooms.access(room, caller());
        return switch (access.verdict()) {
            case UNKNOWN_ROOM -> throw ApiProblem.said(404, "Unknown room");
            case NOT_A_MEMBER -> throw ApiProblem.said(403, "Not a member of this room");
            case GRANTED -> Response.ok(new RoomDetails(access.room(), access.isPrivate(),
                    presence.onlineCount(access.room()))).build();
        };
    }

    /**
     * A room's history as the socket sends it, for clients that got a {@code gap} or scroll back:
     * {@code ?after=} pages forward from an id, {@code ?before=} pages back from one, both bound a range.
     * {@code limit} defaults to the join history size and is capped by {@code pulse.chat.history-page-max}.
     */
    @GET
    @Path("/rooms/{room}/messages")
    public Response history(@PathParam("room") String room, @QueryParam("after") String after,
                            @QueryParam("before") String before, @QueryParam("limit") String limit) {
        Long afterId;
        Long beforeId;
        int size;
        try {
            afterId = id(after, "after");
            beforeId = id(before, "before");
            Long asked = id(limit, "limit");
            size = asked == null ? Math.max(1, settings.historySize()) : (int) Math.min(asked, settings.historyPageMax());
            if (size < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.said(400, e.getMessage());
        }
        RoomAccess access = rooms.access(room, caller());
        return switch (access.verdict()) {
            case UNKNOWN_ROOM -> throw ApiProblem.said(404, "Unknown room");
            case NOT_A_MEMBER -> throw ApiProblem.said(403, "Not a member of this room");
            case GRANTED -> Response.ok(messages.page(access.roomId(), afterId, beforeId, Math.min(size, settings.historyPageMax()))).build();
        };
    }

    private static Long id(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative integer");
        }
    }

    @GET
    @Path("/private")
    public Response conversations() {
        return Response.ok(rooms.conversationsOf(caller())).build();
    }

    /** Gets or creates the private room of the caller and {@code username}. */
    @POST
    @Path("/private/{username}")
    public Response openPrivate(@PathParam("username") String username) {
        if (caller().equals(username)) {
            throw ApiProblem.said(400, "A private conversation needs another user");
        }
        if (!accountPolicy.plausibleUsername(username)) {
            throw ApiProblem.said(404, "Unknown user");
        }
        Optional<ChatRooms.Conversation> conversation;
        try {
            conversation = rooms.openPrivate(caller(), username);
        } catch (PersistenceException | TransactionalException raced) {
            // The other user created the same room at the same moment: it exists now.
            conversation = rooms.openPrivate(caller(), username);
        }
        return Response.ok(conversation.orElseThrow(() -> ApiProblem.said(404, "Unknown user"))).build();
    }

    /** The caller's name: {@link CallerCheck} let only a logged-in caller through. */
    private String caller() {
        return security.getUserPrincipal().getName();
    }
}
