/**
 * The database: one datasource chosen by configuration (embedded H2 by default, PostgreSQL in
 * tests and production) and Flyway migrations applied before anything else starts.
 */
package dev.pulse.infrastructure.persistence;
