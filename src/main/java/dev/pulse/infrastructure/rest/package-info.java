/**
 * The JAX-RS application: feature resources under {@code /api}, and what every resource shares:
 * one error shape ({@link dev.pulse.infrastructure.rest.ApiError}, thrown as
 * {@link dev.pulse.infrastructure.rest.ApiProblem}), one caller-required filter
 * ({@link dev.pulse.infrastructure.rest.CallerRequired}), one JSON-B configuration
 * ({@link dev.pulse.infrastructure.rest.JsonbResolver} over the core's {@code JsonCodec}), and the
 * request checks that run before any resource ({@code JsonBodyCheck}, {@code ApiRequestLineFilter}).
 */
package dev.pulse.infrastructure.rest;
