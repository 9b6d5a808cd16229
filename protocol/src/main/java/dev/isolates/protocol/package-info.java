/**
 * The wire between isolates: message envelopes, the Kryo codec with its sendability check, the
 * Chronicle-queue channel of one isolate, wait strategies and the doorbell, and the transfer arena
 * that moves large payloads by handle.
 *
 * <p>Users never import this package; {@code dev.isolates} is the public surface.
 */
package dev.isolates.protocol;
