package dev.pulse.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Applies the {@link OriginPolicy} to every WebSocket path before the upgrade: a refused
 * handshake gets 403 and no endpoint ever sees it. Declared filters run before the container's
 * WebSocket upgrade filter, so endpoints need nothing of their own.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class WebSocketOriginFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(WebSocketOriginFilter.class.getName());

    @Inject
    OriginPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (!policy.allows(origin, request.getHeader("Host"))) {
            LOG.info(() -> "WebSocket handshake to " + request.getRequestURI() + " from origin " + origin + " refused");
            // A refused upgrade ends the connection: it carried upgrade headers and must not be reused.
            response.setHeader("Connection", "close");
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
            return;
        }
        chain.doFilter(request, response);
    }
}
