package dev.pulse.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which browser pages may open a WebSocket (cross-site WebSocket hijacking defence: the session
 * cookie rides along with any page's upgrade request). Allowed: no Origin (not a browser), the
 * same origin as the request's Host, or an origin listed in {@code pulse.ws.allowed-origins}.
 */
@ApplicationScoped
public class OriginPolicy {

    @Inject
    @ConfigProperty(name = "pulse.ws.allowed-origins")
    Optional<String> allowedOrigins;

    private volatile Set<String> allowed;

    public boolean allows(String origin, String host) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        if (host != null && authority(normalized).equals(stripDefaultPort(host.toLowerCase(Locale.ROOT), normalized))) {
            return true;
        }
        return allowed().contains(normalized);
    }

    private Set<String> allowed() {
        Set<String> set = allowed;
        if (set == null) {
            set = Arrays.stream(allowedOrigins.orElse("").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty())
                    .map(OriginPolicy::normalize).filter(s -> s != null)
                    .collect(Collectors.toUnmodifiableSet());
            allowed = set;
        }
        return set;
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or null when not an origin. */
    static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String authority(String normalizedOrigin) {
        return normalizedOrigin.substring(normalizedOrigin.indexOf("://") + 3);
    }

    private static String stripDefaultPort(String host, String normalizedOrigin) {
        if (normalizedOrigin.startsWith("http://") && host.endsWith(":80")) {
            return host.substring(0, host.length() - 3);
        }
        if (normalizedOrigin.startsWith("https://") && host.endsWith(":443")) {
            return host.substring(0, host.length() - 4);
        }
        return host;
    }
}
