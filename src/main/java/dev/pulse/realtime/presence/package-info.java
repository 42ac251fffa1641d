/**
 * Presence as a core capability, knowing no feature: who is connected in each group, counted by
 * users across every instance ({@link dev.pulse.realtime.presence.Presence},
 * {@link dev.pulse.realtime.presence.Roster}), and how many sockets a user holds against a
 * per-user limit ({@link dev.pulse.realtime.presence.ConnectionLimit}). State crosses instances
 * through {@link dev.pulse.realtime.cluster.ClusterState}; a dead instance's entries stop counting
 * on their own (TTL, or membership).
 */
package dev.pulse.realtime.presence;
