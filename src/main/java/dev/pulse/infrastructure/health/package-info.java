/** MicroProfile Health checks of the shared infrastructure (database, realtime core). */
package dev.pulse.infrastructure.health;
