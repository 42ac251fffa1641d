/**
 * The shared realtime core: connections with bounded outbound queues, named groups
 * (like Channels groups), a JSON codec and the cluster bus that carries every group
 * broadcast to every instance. Features use this package; it knows none of them.
 */
package dev.pulse.realtime;
