package dev.pulse.infrastructure.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Feature resources live under {@code /api} (e.g. {@code /api/realtime/force_price_update/}). */
@ApplicationPath("/api")
public class RestApi extends Application {
}
