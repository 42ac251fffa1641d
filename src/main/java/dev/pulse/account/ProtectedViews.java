package dev.pulse.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The admin views are admin only by every URL that reaches them, not only by the literal
 * {@code /admin/*} of the security constraint: the request path is reduced the way any servlet
 * mapping or file lookup might see it (percent-decoded, path parameters and trailing dots or
 * spaces dropped, {@code .} and {@code ..} resolved, case folded, a leading {@code /faces} prefix
 * removed), and whatever then starts with {@code /admin} needs the admin role. Anonymous callers
 * are sent to the login page, others get 403. The beans check the role again.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ProtectedViews extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ProtectedViews.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Requests only (the default dispatch): forwards and includes are the application's own.
        String uri = request.getRequestURI();
        String path = canonical(uri.substring(Math.min(uri.length(), request.getContextPath().length())));
        if (isAdmin(path) && !request.isUserInRole(Roles.ADMIN)) {
            LOG.fine(() -> "admin view " + path + " refused to " + request.getRemoteUser());
            if (request.getUserPrincipal() == null) {
                response.sendRedirect(request.getContextPath() + "/accounts/login.html");
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isAdmin(String canonicalPath) {
        String path = canonicalPath;
        while (path.startsWith("/faces/")) {
            path = path.substring("/faces".length());
        }
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    /** The request path as the loosest reader would resolve it, lower case, without a trailing slash. */
    static String canonical(String rawPath) {
        String decoded = rawPath;
        // Decoded until stable: "%2561dmin" must not slip through as "%61dmin".
        for (int i = 0; i < 3 && decoded.indexOf('%') >= 0; i++) {
            try {
                decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                break;
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : decoded.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment)
                    .replaceAll("[.\\s\\u0000]+$", "").strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                if (segment.startsWith("..") && !segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(name);
        }
        return "/" + String.join("/", segments);
    }
}
