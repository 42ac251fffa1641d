package dev.pulse.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every WebSocket handshake passes here before the container's upgrade filter (declared filters
 * run first). A handshake whose path or query string Pulse cannot fully parse is refused with 400
 * before the upgrade, rather than upgraded into a socket the endpoint then fails to open. An
 * accepted one is upgraded through a {@link FrameScanner} that enforces masking, text-only and
 * {@code pulse.ws.max-message-bytes} on every frame, fragmented or not: through the servlet
 * upgrade ({@link GuardedUpgrade}, Payara) or Undertow's upgrade listener ({@link UndertowUpgradeGuard}, WildFly). A client that leaves
 * before the 101 is written is logged at FINE (see {@link ClientGone}), not as a container trace.
 * While the instance shuts down ({@link Hub#draining}) every handshake gets 503 with {@code Retry-After}.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class WebSocketGuardFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(WebSocketGuardFilter.class.getName());

    @Inject
    RealtimeSettings settings;

    @Inject
    Hub hub;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Sec-WebSocket-Key") == null) {
            chain.doFilter(request, response);
            return;
        }
        if (hub.draining()) {
            // Shutting down (sockets here are closing with 1012): the client retries, elsewhere.
            response.setHeader("Connection", "close");
            response.setHeader("Retry-After", "1");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service restart");
            return;
        }
        Optional<String> problem = RequestLine.problem(request.getRequestURI(), request.getQueryString());
        if (problem.isPresent()) {
            LOG.fine(() -> "WebSocket handshake refused: " + problem.get());
            response.setHeader("Connection", "close");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(problem.get() + "\n");
            return;
        }
        try {
            // Checked here, by name: the guard's class itself needs Undertow's classes to load.
            if (ContainerSockets.undertow(request.getServletContext())) {
                UndertowUpgradeGuard.guardCurrent(settings.maxMessageBytes());
            }
            chain.doFilter(new GuardedUpgrade(request, settings.maxMessageBytes()), response);
        } catch (IOException e) {
            if (!ClientGone.is(e)) {
                throw e;
            }
            // The client left before the container could send the 101 (Payara fails the flush with
            // "Connection is closed"): there is no socket and nobody to answer.
            LOG.fine(() -> "WebSocket handshake ended by the client before the upgrade: " + e);
        }
    }
}
