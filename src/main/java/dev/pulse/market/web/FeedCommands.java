package dev.pulse.market.web;

import dev.pulse.infrastructure.rest.ApiProblem;
import dev.pulse.infrastructure.rest.CallerRequired;
import dev.pulse.market.feed.FeedState;
import dev.pulse.market.feed.PriceFeed;
import dev.pulse.market.feed.PriceSources;
import dev.pulse.realtime.JsonCodec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * Seed 001's {@code start_price_feed --interval --batch-size --verbose} as runtime control under
 * {@code /api/realtime/feed/}. A command to any instance applies to the whole cluster. Administrators only.
 */
@RequestScoped
@CallerRequired(admin = true)
@Path("realtime/feed")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedCommands {

    @Inject
    PriceFeed feed;

    @Inject
    PriceSources sources;

    @Inject
    JsonCodec codec;

    public record Status(boolean running, boolean leader, double interval, long intervalMs, int batchSize, boolean verbose,
                  String source, long cycles, long followerBeats, Instant lastCycle, String lastError) {
    }

    @GET
    public String status() {
        FeedState state = feed.state();
        return codec.encode(new Status(state.running(), feed.leading(), state.intervalMs() / 1000.0, state.intervalMs(),
                state.batchSize(), state.verbose(), sources.current().name(), feed.cycles(), feed.followerBeats(), feed.lastCycle(), feed.lastError()));
    }

    /** {@code {"interval": 15, "batch_size": 100, "verbose": true}}, every field optional. */
    @POST
    @Path("start/")
    public String start(String request) {
        return change(Requests.body(codec, request), true);
    }

    @POST
    @Path("stop/")
    public String stop() {
        feed.change(feed.state().withRunning(false));
        return status();
    }

    /** Changes interval, batch size or verbosity without starting or stopping the feed. */
    @PUT
    public String configure(String request) {
        return change(Requests.body(codec, request), feed.state().running());
    }

    private String change(JsonObject body, boolean running) {
        FeedState current = feed.state();
        long intervalMs = Requests.number(body, "interval_ms").map(Math::round)
                .or(() -> Requests.number(body, "interval").map(seconds -> Math.round(seconds * 1000)))
                .orElse(current.intervalMs());
        double batch = Requests.number(body, "batch_size").orElse((double) current.batchSize());
        if (intervalMs < 100) {
            throw ApiProblem.badRequest("invalid_request", "interval must be at least 0.1 seconds");
        }
        if (batch != Math.rint(batch) || batch < 1 || batch > 10_000) {
            throw ApiProblem.badRequest("invalid_request", "batch_size must be a whole number from 1 to 10000");
        }
        feed.change(FeedState.of(running, intervalMs, (int) batch, Requests.bool(body, "verbose").orElse(current.verbose())));
        return status();
    }
}
