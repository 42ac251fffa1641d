package dev.pulse.infrastructure.web;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every response, page or not (static files, servlet-served pages, JSF views, API answers, error
 * pages), carries a Content-Security-Policy that allows scripts only from Pulse's own files:
 * no inline script, no event-handler attribute, no {@code eval}. So a spot where data ends up
 * as HTML by mistake still cannot run code. Set before the chain runs, so a response committed
 * early has it too. WebSocket upgrades are left alone.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

    /** Styles may be inline (the pages' own {@code <style>} blocks and the chart library's sizing). */
    static final String DEFAULT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    @ConfigProperty(name = "pulse.web.content-security-policy", defaultValue = DEFAULT_POLICY)
    String policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // A WebSocket handshake's 101 carries no page; every other answer does, including those to
        // requests that merely offer an upgrade (the JDK HttpClient's "Upgrade: h2c").
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Content-Security-Policy", policy);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "same-origin");
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }
}
