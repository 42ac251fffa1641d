package dev.pulse.account;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import dev.pulse.realtime.SharedEndpoints;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Endpoint configurator that remembers which HTTP session a socket's handshake carried (WebSocket
 * 2.1 copies the user properties per connection), so {@link SessionSockets} can close the socket
 * when that session ends. Use as {@code @ServerEndpoint(value = ..., configurator = HttpSessionCapture.class)}.
 */
public class HttpSessionCapture extends SharedEndpoints {

    static final String SESSION_ID = HttpSessionCapture.class.getName() + ".sessionId";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        if (request.getHttpSession() instanceof HttpSession session) {
            config.getUserProperties().put(SESSION_ID, session.getId());
        } else {
            config.getUserProperties().remove(SESSION_ID);
        }
    }
}
