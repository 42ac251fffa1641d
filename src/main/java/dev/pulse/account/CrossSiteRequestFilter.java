package dev.pulse.account;

import dev.pulse.infrastructure.rest.ApiError;
import dev.pulse.realtime.OriginPolicy;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The API is authenticated by the session cookie, which a browser attaches to requests any site
 * makes: a state-changing request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE})
 * whose Origin the {@link OriginPolicy} does not allow is refused with 403 (cross-site request
 * forgery), in the API's error shape ({@link ApiError}, the sentence in {@code error} and
 * {@code message}). Non-browser clients send no Origin and are unaffected.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CrossSiteRequestFilter extends HttpFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    OriginPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UNSAFE.contains(request.getMethod()) && !policy.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(ApiError.said("Cross-site request refused").toJson().toString());
            return;
        }
        chain.doFilter(request, response);
    }
}
