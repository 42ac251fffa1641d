package dev.pulse.market.live;

import jakarta.json.bind.annotation.JsonbNillable;

/** The {@code connection} message's data; {@code user_id} is written as null for anonymous clients. */
@JsonbNillable
public record ConnectionInfo(String status, String connectionId, boolean authenticated, Long userId) {
}
