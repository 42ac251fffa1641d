/** The echo socket of seed 002 ({@code /ws/chat/}): the smallest client of the realtime core. */
package dev.pulse.echo;
