package dev.pulse.infrastructure.rest;

import dev.pulse.realtime.RequestLine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * An API request whose path or query string cannot be decoded (a bad {@code %} escape, escapes that
 * are not UTF-8, a NUL) is answered 400 in the API's error shape ({@link ApiError}) before JAX-RS decodes it.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiRequestLineFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> problem = RequestLine.problem(request.getRequestURI(), request.getQueryString());
        if (problem.isPresent()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(ApiError.of("bad_request", problem.get()).toJson().toString());
            return;
        }
        chain.doFilter(request, response);
    }
}
