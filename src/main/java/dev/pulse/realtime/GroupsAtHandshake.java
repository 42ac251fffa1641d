package dev.pulse.realtime;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.List;

/**
 * Endpoint configurator that puts a socket in its groups during the handshake, before the 101
 * reaches the client: the container sends the 101 before it calls {@code @OnOpen}, so a socket
 * joined there could miss what its group got in between. Endpoint instances are shared as with
 * {@link SharedEndpoints}. Frames for it are held until
 * {@link Hub#open} binds it to its session. An endpoint names its groups from the handshake.
 */
public abstract class GroupsAtHandshake extends SharedEndpoints {

    static final String EARLY = GroupsAtHandshake.class.getName() + ".connection";

    /** The groups this handshake's socket belongs in; empty for none (the socket then opens as usual). */
    protected abstract List<String> groups(HandshakeRequest request);

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        // WebSocket 2.1: the config's user properties are this connection's own copy.
        config.getUserProperties().remove(EARLY);
        List<String> groups = groups(request);
        if (!groups.isEmpty()) {
            Principal user = request.getUserPrincipal();
            Hub hub = CDI.current().select(Hub.class).get();
            config.getUserProperties().put(EARLY, hub.early(user == null ? null : user.getName(), groups));
        }
    }
}
