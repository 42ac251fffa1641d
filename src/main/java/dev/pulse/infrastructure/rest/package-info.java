/** The JAX-RS application: feature resources under {@code /api}. */
package dev.pulse.infrastructure.rest;
