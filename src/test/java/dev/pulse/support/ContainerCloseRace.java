package dev.pulse.support;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises the container's close race in a server log (docs/known-issues.md, "The container's
 * close race, as the bad-input suite sees it"): a client that closes (or is closed) while the
 * container is still finishing its request or upgrade makes Grizzly or Catalina use that
 * connection's objects after recycling them. Ten forms were seen, a new one every few runs
 * ("context", "request", "this.request", "connection", "storage" or "methodString" is null; a
 * request or response that "has not been set"; a disposed CompositeBuffer; a request whose
 * {@code getServletContext()} answered null), so mostly the kind is matched, not the texts.
 *
 * <p>Tolerated: a {@code NullPointerException} or {@code IllegalStateException} whose top frame is
 * Grizzly or Catalina code (logged, or uncaught on a container thread) with no {@code dev.pulse}
 * frame anywhere; anything failing inside Grizzly's HTTP/2 upgrade header check (HTTP/2 is needed
 * on: without it, JDK clients' POSTs hang); and one narrower case with Pulse code on the stack: a
 * filter reading the request (its method, a header) when the container's own code fails on one of
 * the recycled fields named above; and a {@code NullPointerException} on a null that a servlet
 * accessor returned, thrown by anything but Pulse (Tyrus's upgrade filter reading a recycled
 * request's servlet context). Everything else fails: another exception type, one thrown in
 * Tyrus, Jersey, JSON-B, Hibernate or Weld, or one thrown in Pulse code, which is where a client's
 * input would show.
 */
public final class ContainerCloseRace {

    private static final Pattern RECYCLED_OBJECT = Pattern.compile(
            "^(Exception in thread \"[^\"]*\" )?java\\.lang\\.(NullPointerException|IllegalStateException)\\b");

    /** The messages of a container field read after the connection was recycled (helpful NPE texts and Grizzly's own). */
    private static final Pattern RECYCLED_FIELD = Pattern.compile(
            "because \"(this\\.)?(request|response|context|connection|storage|methodString)\" is null|has not been set");

    /**
     * A servlet accessor that answered null, which a live request never does (its servlet context,
     * for one): the container recycled the request under the code that asked, Tyrus's upgrade filter
     * in the form seen. Whoever threw, the null came from the container.
     */
    private static final Pattern RECYCLED_ACCESSOR = Pattern.compile(
            "because the return value of \"jakarta\\.servlet\\.[\\w.]+\\.get\\w+\\(\\)\" is null");

    /** Where the container's own code runs: the top frame of a recycled-object failure. */
    private static final List<String> CONTAINER_FRAMES = List.of("\tat org.glassfish.grizzly.", "\tat org.apache.catalina.");

    /** The frame of Grizzly's HTTP/2 upgrade header check, where the race shows in more than one exception. */
    private static final String HTTP2_UPGRADE_CHECK = "at org.glassfish.grizzly.http2.Http2BaseFilter.checkRequestHeadersOnUpgrade(";

    private ContainerCloseRace() {
    }

    /** True for a trace (exception line, then its frames and causes) of the container's close race. */
    public static boolean matches(List<String> trace) {
        boolean containerThrew = trace.size() > 1 && RECYCLED_OBJECT.matcher(trace.get(0)).find()
                && CONTAINER_FRAMES.stream().anyMatch(trace.get(1)::startsWith);
        if (trace.size() > 1 && RECYCLED_OBJECT.matcher(trace.get(0)).find() && RECYCLED_ACCESSOR.matcher(trace.get(0)).find()
                && !trace.get(1).startsWith("\tat dev.pulse.")) {
            return true;
        }
        if (trace.stream().noneMatch(line -> line.contains("dev.pulse."))) {
            return containerThrew || trace.stream().anyMatch(line -> line.contains(HTTP2_UPGRADE_CHECK));
        }
        return containerThrew && RECYCLED_FIELD.matcher(trace.get(0)).find() && pulseOnlyBelowContainer(trace);
    }

    /** Pulse code called into the container, which threw: no Pulse frame above the first container frames. */
    private static boolean pulseOnlyBelowContainer(List<String> trace) {
        int i = 1;
        while (i < trace.size() && (CONTAINER_FRAMES.stream().anyMatch(trace.get(i)::startsWith)
                || trace.get(i).startsWith("\tat jakarta.servlet.") || trace.get(i).startsWith("\tat org.glassfish."))) {
            i++;
        }
        return i < trace.size() && trace.get(i).startsWith("\tat dev.pulse.") && trace.stream().noneMatch(line -> line.startsWith("Caused by"));
    }
}
