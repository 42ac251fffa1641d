/** Notifications (seed 004): the {@code /ws/test/} socket and its {@code test_consumer_group}. */
package dev.pulse.notification;
