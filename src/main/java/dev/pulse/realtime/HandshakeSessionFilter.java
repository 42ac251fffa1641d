package dev.pulse.realtime;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * Marks every authenticated WebSocket handshake with the HTTP session that authenticated it: the
 * request's principal becomes an {@link HttpSessionPrincipal}. The container's upgrade filter
 * copies that principal into the WebSocket session, so {@link Hub#open} can bind every socket of
 * every endpoint to its HTTP session (see {@link SessionRegistry}) with no endpoint code at all.
 * {@code HandshakeRequest.getHttpSession()} is therefore null in endpoint configurators.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeSessionFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal caller = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (caller == null || session == null || caller instanceof HttpSessionPrincipal) {
            chain.doFilter(request, response);
            return;
        }
        HttpSessionPrincipal bound = new HttpSessionPrincipal(caller, session.getId());
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return bound;
            }

            /*
             * The container's upgrade filter asks for the session only to close the socket itself
             * when the session ends (WebSocket 2.1 section 7.2), and it tracks one socket per
             * session: the last opened. The registry closes all of them, with a reason, so the
             * container is not told about the session (getSession(true) still works).
             */
            @Override
            public HttpSession getSession(boolean create) {
                return create ? super.getSession(true) : null;
            }
        }, response);
    }
}
