package dev.pulse.market.web;

import dev.pulse.market.feed.PriceFeed;
import dev.pulse.market.live.ClusterStats;
import dev.pulse.market.live.MarketChannel;
import dev.pulse.realtime.JsonCodec;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 001's {@code /realtime/...} URLs: websocket-info, status, health and the two pages. A
 * servlet rather than a second JAX-RS application, because the {@code /api} application scans
 * every resource class and would serve these under {@code /api} too. With or without the trailing
 * slash.
 */
@WebServlet("/realtime/*")
public class RealtimePages extends HttpServlet {

    private static final String SOCKET_PATH = "/ws/realtime/";

    @Inject
    transient JsonCodec codec;

    @Inject
    transient MarketChannel channel;

    @Inject
    transient ClusterStats stats;

    @Inject
    transient PriceFeed feed;

    public record ConnectionDetails(String protocol, String host, String path, String authentication) {
    }

    public record WebsocketInfo(String websocketUrl, ConnectionDetails connectionInfo, Map<String, String> messageTypes) {
    }

    public record Health(boolean priceFeedRunning, int activeConnections, Instant timestamp) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String page = path.replaceAll("^/+|/+$", "");
        switch (page) {
            case "websocket-info" -> json(response, websocketInfo(request));
            case "status" -> {
                Principal user = request.getUserPrincipal();
                json(response, stats.stats(user == null ? null : user.getName(), feed.running()));
            }
            case "health" -> json(response, new Health(feed.running(), channel.connectionCount(), Instant.now()));
            case "dashboard", "test" -> {
                if (!path.endsWith("/")) {
                    response.sendRedirect(request.getContextPath() + "/realtime/" + page + "/");
                    return;
                }
                html(response, "/WEB-INF/market/" + page + ".html");
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private WebsocketInfo websocketInfo(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        boolean secure = forwarded != null ? forwarded.equalsIgnoreCase("https") : request.isSecure();
        String protocol = secure ? "wss" : "ws";
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        String path = request.getContextPath() + SOCKET_PATH;
        Map<String, String> types = new LinkedHashMap<>();
        types.put("ping", "Health check message");
        types.put("subscribe_asset", "Subscribe to asset price updates");
        types.put("unsubscribe_asset", "Stop asset price updates");
        types.put("subscribe_portfolio", "Subscribe to portfolio value updates (owner only)");
        types.put("unsubscribe_portfolio", "Stop portfolio value updates");
        return new WebsocketInfo(protocol + "://" + host + path, new ConnectionDetails(protocol, host, path, "session-based"), types);
    }

    private void json(HttpServletResponse response, Object body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(codec.encode(body));
    }

    private void html(HttpServletResponse response, String resource) throws IOException {
        try (InputStream page = getServletContext().getResourceAsStream(resource)) {
            if (page == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            page.transferTo(response.getOutputStream());
        }
    }
}
