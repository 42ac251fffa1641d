package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.realtime.Hub;
import dev.pulse.realtime.cluster.LocalClusterState;
import dev.pulse.realtime.presence.Roster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The chat's part of presence: rooms as groups, the online_count frame, announcing to the room's group and the room lists. */
class PresenceTrackerTest {

    /** What the tracker broadcast, in order, as {@code group=count}. */
    static final class RecordingHub extends Hub {
        final List<String> broadcasts = new CopyOnWriteArrayList<>();

        @Override
        public void broadcast(String group, Object message) {
            broadcasts.add(group + "=" + (message instanceof ChatEvents.OnlineCount count ? count.onlineCount()
                    : ((ChatEvents.RoomOnlineCount) message).room() + ":" + ((ChatEvents.RoomOnlineCount) message).onlineCount()));
        }
    }

    @Test
    void aChangedCountGoesToTheRoomAndAnUnchangedOneToTheJoiningSocket() {
        RecordingHub hub = new RecordingHub();
        PresenceTracker tracker = new PresenceTracker();
        tracker.hub = hub;
        tracker.list = new RoomList();
        tracker.list.hub = hub;
        ChatSettings settings = new ChatSettings();
        settings.presenceTtlSeconds = 30;
        settings.presenceRefreshSeconds = 10;
        tracker.rooms = new Roster(new LocalClusterState(), PresenceTracker.spec(settings), tracker::announce);
        String group = ChatPosting.group("lobby");

        assertEquals(Optional.empty(), tracker.join("lobby", "carol"));
        assertEquals(Optional.of(new ChatEvents.OnlineCount(1)), tracker.join("lobby", "carol"));
        assertEquals(Optional.empty(), tracker.join("lobby", "dave"));
        assertEquals(2, tracker.onlineCount("lobby"));
        tracker.leave("lobby", "carol");
        tracker.leave("lobby", "carol");
        // Each change goes to the room and, with the room's name, to the room lists.
        String lists = RoomList.PUBLIC_GROUP;
        assertEquals(List.of(group + "=1", lists + "=lobby:1", group + "=2", lists + "=lobby:2", group + "=1", lists + "=lobby:1"),
                hub.broadcasts);
        assertEquals(1, tracker.onlineCount("lobby"));
    }

    @Test
    void theRefreshIsCappedAtHalfTheTtl() {
        ChatSettings settings = new ChatSettings();
        settings.presenceTtlSeconds = 4;
        settings.presenceRefreshSeconds = 10;
        assertEquals(java.time.Duration.ofSeconds(2), PresenceTracker.spec(settings).refresh());
    }
}
