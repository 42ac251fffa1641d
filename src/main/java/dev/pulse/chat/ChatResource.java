package dev.pulse.chat;

import dev.pulse.account.AccountPolicy;
import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerCheck;
import dev.pulse.infrastructure.rest.CallerRequired;
import dev.pulse.account.AccountDirectory;
import dev.pulse.account.Roles;
import dev.pulse.realtime.RateLimiter;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
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

    @Context
    UriInfo uri;

    @Inject
    ChatRooms rooms;

    @Inject
    AccountPolicy accountPolicy;

    @Inject
    ChatMessages messages;

    @Inject
    ChatSettings settings;

    @Inject
    RoomList list;

    @Inject
    PresenceTracker presence;

    @Inject
    OnlineUsers onlineUsers;

    @Inject
    RateLimiter limiter;

    @Inject
    AccountDirectory accounts;

    /**
     * {@code {"name": "book-club"}}, the body of a room creation. The name is read as the JSON value
     * it is, so that a number or a boolean is refused rather than coerced into a name ({@code 5} would
     * otherwise become the room "5").
     */
    public static class NewRoom {
        public JsonValue name;

        String text() {
            return name instanceof JsonString string ? string.getString() : null;
        }
    }

    /** {@code {"last_read_id": 57}}, the body of a read mark. */
    public static class ReadMark {
        @JsonbProperty("last_read_id")
        public Long lastReadId;
    }

    /** Public rooms by name, each as the room list shows it to the caller ({@link ChatEvents.RoomSummary}). */
    @GET
    @Path("/rooms")
    public Response publicRooms() {
        return Response.ok(list.summaries(caller()).stream().filter(room -> !room.isPrivate()).toList()).build();
    }

    /**
     * Creates a public room: 201 with the room as the list shows it ({@code Location} its details);
     * 400 a name outside {@link RoomNames}' rules, 409 a name taken ignoring case, 429 more than
     * {@code pulse.chat.room-create-limit} creations in the window (with {@code Retry-After}; not
     * for administrators).
     * Every room list hears of it ({@code room_created}).
     */
    @POST
    @Path("/rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewRoom request) {
        String name;
        try {
            name = RoomNames.of(settings).check(request == null ? null : request.text());
        } catch (RoomNames.InvalidRoomName invalid) {
            throw ApiProblem.said(400, invalid.getMessage());
        }
        // Administrators set up rooms for others (and scripts do it as them): the limit is for users.
        RateLimiter.Verdict admission = security.isUserInRole(Roles.ADMIN) ? RateLimiter.Verdict.ADMITTED
                : limiter.admit(new RateLimiter.Limit("chat-room-create", settings.roomCreateLimit(),
                        settings.roomCreateWindowSeconds() * 1000L), caller());
        if (!admission.admitted()) {
            long wait = admission.retryAfterSeconds();
            throw ApiProblem.retryAfter(429, wait, "Too many rooms created, retry in " + wait + " s");
        }
        ChatRooms.Listed created;
        try {
            created = rooms.create(name, accounts.idOf(caller()).orElseThrow());
        } catch (ChatRooms.RoomExists exists) {
            throw ApiProblem.said(409, exists.getMessage());
        } catch (PersistenceException | TransactionalException raced) {
            // Another creation of the same name (ignoring case) committed first: the unique folded name refused this one.
            throw ApiProblem.said(409, "A room named '" + name + "' exists");
        }
        list.created(created);
        return Response.created(uri.getBaseUriBuilder().path("chat/rooms/{room}").build(created.name()))
                .entity(list.summary(rooms.access(created.name(), caller()), caller())).build();
    }

    /** One room as the room list shows it to the caller; 404 unknown, 403 private and not a member. */
    @GET
    @Path("/rooms/{room}")
    public Response room(@PathParam("room") String room) {
        return Response.ok(list.summary(granted(room), caller())).build();
    }

    /**
     * Moves the caller's read position in a room forward ({@code {"last_read_id": 57}}; the room
     * socket's {@code {"read": 57}} does the same): 200 {@code {"event":"read","room":...,
     * "last_read_id":...,"unread_count":...}} with the position after the call (unchanged when the id
     * is not above it; clamped to the room's newest message). 400 without a non-negative id.
     */
    @PUT
    @Path("/rooms/{room}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("room") String room, ReadMark mark) {
        if (mark == null || mark.lastReadId == null || mark.lastReadId < 0) {
            throw ApiProblem.said(400, "Expected {\"last_read_id\": <message id>}");
        }
        RoomAccess access = granted(room);
        ChatEvents.Read read = list.markRead(caller(), access, mark.lastReadId).orElseGet(() -> {
            ChatEvents.RoomSummary now = list.summary(access, caller());
            return new ChatEvents.Read(access.room(), now.lastReadId(), now.unreadCount());
        });
        return Response.ok(read).build();
    }

    /** Who is online in a room (a member's view): {@code {"online_count":2,"users":["alice","bob"]}}. */
    @GET
    @Path("/rooms/{room}/online")
    public Response roomOnline(@PathParam("room") String room) {
        return Response.ok(presence.online(granted(room).room())).build();
    }

    /** Who is online anywhere in the app (has a Pulse page open): {@code {"online_count":5,"users":[...]}}. */
    @GET
    @Path("/online")
    public Response online() {
        return Response.ok(onlineUsers.online()).build();
    }

    private RoomAccess granted(String room) {
        RoomAccess access = rooms.access(room, caller());
        return switch (access.verdict()) {
            case UNKNOWN_ROOM -> throw ApiProblem.said(404, "Unknown room");
            case NOT_A_MEMBER -> throw ApiProblem.said(403, "Not a member of this room");
            case GRANTED -> access;
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
        Optional<ChatRooms.Opened> opened;
        try {
            opened = rooms.open(caller(), username);
        } catch (PersistenceException | TransactionalException raced) {
            // The other user created the same room at the same moment: it exists now.
            opened = rooms.open(caller(), username);
        }
        ChatRooms.Opened conversation = opened.orElseThrow(() -> ApiProblem.said(404, "Unknown user"));
        if (conversation.created()) {
            list.opened(conversation);
        }
        return Response.ok(conversation.conversation()).build();
    }

    /** The caller's name: {@link CallerCheck} let only a logged-in caller through. */
    private String caller() {
        return security.getUserPrincipal().getName();
    }
}
