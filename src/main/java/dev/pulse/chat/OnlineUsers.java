package dev.pulse.chat;

import dev.pulse.realtime.Hub;
import dev.pulse.realtime.presence.Presence;
import dev.pulse.realtime.presence.PresenceListener;
import dev.pulse.realtime.presence.Roster;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Who is online anywhere in the app, per user: a user is online from their first room list socket
 * (every page a logged-in user has open holds one, see {@code /assets/layout.js}) on any instance
 * until their last one closes, or until their instance dies and its entries expire
 * ({@code pulse.chat.presence-ttl-seconds}, 30 s, plus at most one refresh, 10 s). Every room list
 * hears {@code {"event":"user_online","user":"alice"}} and {@code user_offline}: once per user, not
 * per tab. The core {@link Roster} with one group, on the maps {@value #PRESENCE_MAP} and
 * {@value #COUNT_MAP}.
 */
@ApplicationScoped
public class OnlineUsers implements PresenceListener {

    static final String PRESENCE_MAP = "pulse.chat.online-users";
    static final String COUNT_MAP = "pulse.chat.online-users-count";
    /** The one group: the whole app. */
    static final String APP = "app";

    @Inject
    Presence presence;

    @Inject
    Hub hub;

    @Inject
    ChatSettings settings;

    Roster users;

    @PostConstruct
    void start() {
        users = presence.roster(PresenceTracker.spec(settings, PRESENCE_MAP, COUNT_MAP), this);
    }

    /** A room list socket of {@code user} opened. */
    public void arrived(String user) {
        users.track(APP, user);
    }

    /** A room list socket of {@code user} closed. */
    public void left(String user) {
        users.untrack(APP, user);
    }

    /** Everyone online now, names sorted and capped at {@code pulse.chat.online-list-max}. */
    public ChatEvents.OnlineList online() {
        List<String> names = users.members(APP).stream().sorted().limit(settings.onlineListMax()).toList();
        return new ChatEvents.OnlineList(Math.max(names.size(), users.users(APP)), names);
    }

    @Override
    public void usersChanged(String group, int count) {
        // The lists show people, not a number: the per-user events below carry the change.
    }

    @Override
    public void userChanged(String group, String user, boolean present) {
        hub.broadcast(RoomList.PUBLIC_GROUP, ChatEvents.PresenceChange.inApp(user, present));
    }
}
