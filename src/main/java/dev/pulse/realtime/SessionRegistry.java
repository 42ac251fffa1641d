package dev.pulse.realtime;

import dev.pulse.realtime.cluster.ClusterState;
import dev.pulse.realtime.cluster.SharedTopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Binds every authenticated socket to the HTTP session its handshake was authenticated by, for
 * every endpoint: {@link Hub#open} calls {@link #bind}. A socket runs as its handshake's user for
 * as long as it lives, so when that session ends (logout, expiry, a new login on it, a password
 * change) its sockets end too, closed with 1008 {@value #ENDED}: otherwise a logged-out tab would
 * keep receiving the user's private frames. The close marks the connection closed at once, so
 * nothing more is queued for it, and it is announced on a cluster topic, so sockets bound to
 * that session on other instances close as well (on a single instance there is nobody to tell:
 * the end is applied here only, once).
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());
    private static final String SESSION_ID = SessionRegistry.class.getName() + ".sessionId";
    public static final String ENDED = "Session ended";
    private static final String SESSION = "session";
    private static final String USER = "user";

    @Inject
    ClusterState cluster;

    @Inject
    Event<UserSessionsEnded> userSessionsEnded;

    @Inject
    @ConfigProperty(name = "pulse.sessions.topic", defaultValue = "pulse.sessions.ended")
    String topicName;

    /** How long an ended session id is remembered, to refuse a handshake that raced the end. */
    @Inject
    @ConfigProperty(name = "pulse.sessions.ended-memory-seconds", defaultValue = "600")
    long endedMemorySeconds;

    /** HTTP session id -> the sockets of this instance bound to it. */
    private final Map<String, Set<Connection>> bySession = new ConcurrentHashMap<>();
    /** Recently ended session ids -> when they ended (System.nanoTime). */
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    /** Null when not clustered: the end is applied directly, and a local topic would apply it twice. */
    private SharedTopic<String[]> topic;
    private UUID registration;

    /** Started with the application, so an end announced by another instance is never missed. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "session registry ready (" + (topic == null ? "local" : "clustered") + ")");
    }

    @PostConstruct
    void connect() {
        if (!cluster.clustered()) {
            return;
        }
        topic = cluster.topic(topicName);
        registration = topic.addListener(event -> {
            try {
                apply(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session end " + event[0] + " failed", e);
            }
        });
    }

    @PreDestroy
    void disconnect() {
        if (topic != null && registration != null) {
            try {
                topic.removeListener(registration);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "listener removal failed", e);
            }
        }
    }

    /**
     * Binds a newly opened authenticated socket to its HTTP session; a session that has already
     * ended (the handshake raced a logout) closes the socket before anything is sent on it.
     */
    public void bind(Session session, Connection connection) {
        Principal principal = session.getUserPrincipal();
        if (!(principal instanceof HttpSessionPrincipal bound) || connection.user() == null) {
            return;
        }
        String sessionId = bound.sessionId();
        connection.attributes().put(SESSION_ID, sessionId);
        bySession.compute(sessionId, (id, set) -> {
            Set<Connection> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(connection);
            return members;
        });
        if (ended.containsKey(sessionId)) {
            closeLocal(sessionId);
        }
    }

    /** Forgets a socket that has closed. */
    public void unbind(Connection connection) {
        Object sessionId = connection.attributes().get(SESSION_ID);
        if (sessionId != null) {
            bySession.computeIfPresent((String) sessionId, (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The HTTP session {@code sessionId} ended: its sockets close here now, and on every other instance. */
    public void end(String sessionId) {
        apply(new String[] {SESSION, sessionId, ""});
        publish(new String[] {SESSION, sessionId, ""});
    }

    /**
     * Ends every session of {@code username} except {@code keepSessionId}, cluster-wide: their
     * sockets close, and {@link UserSessionsEnded} tells each instance's session keeper to
     * invalidate them.
     */
    public void endUserSessions(String username, String keepSessionId) {
        String[] event = {USER, username, keepSessionId == null ? "" : keepSessionId};
        apply(event);
        publish(event);
    }

    /** Sockets of this instance bound to {@code sessionId}. */
    public int boundSockets(String sessionId) {
        Set<Connection> set = bySession.get(sessionId);
        return set == null ? 0 : set.size();
    }

    private void publish(String[] event) {
        if (topic != null) {
            topic.publish(event);
        }
    }

    private void apply(String[] event) {
        if (SESSION.equals(event[0])) {
            remember(event[1]);
            closeLocal(event[1]);
        } else if (USER.equals(event[0])) {
            String username = event[1];
            String keep = event[2];
            for (Map.Entry<String, Set<Connection>> entry : bySession.entrySet()) {
                if (!entry.getKey().equals(keep) && entry.getValue().stream().anyMatch(c -> username.equals(c.user()))) {
                    remember(entry.getKey());
                    closeLocal(entry.getKey());
                }
            }
            userSessionsEnded.fire(new UserSessionsEnded(username, keep));
        }
    }

    private void remember(String sessionId) {
        long now = System.nanoTime();
        long memory = endedMemorySeconds * 1_000_000_000L;
        ended.put(sessionId, now);
        if (ended.size() > 1000) {
            ended.values().removeIf(at -> now - at > memory);
        }
    }

    private void closeLocal(String sessionId) {
        Set<Connection> sockets = bySession.remove(sessionId);
        if (sockets == null) {
            return;
        }
        for (Connection connection : sockets) {
            connection.close(CloseCodes.VIOLATED_POLICY.getCode(), ENDED);
        }
        LOG.fine(() -> "session ended: closed " + sockets.size() + " socket(s)");
    }
}
