package dev.isolates.protocol;

import java.nio.ByteBuffer;

/**
 * One message as read from a channel, not yet decoded. Its body is valid until the reader polls the
 * channel again.
 *
 * @param kind        what it carries
 * @param correlation the sender's correlation id
 * @param target      the isolate a port message is addressed to (0 for the main isolate)
 * @param body        the Kryo body: a heap buffer, or a read-only view of the sender's arena
 * @param handle      the arena slot behind {@code body}, or null for an inline body
 */
public record Inbound(MessageKind kind, long correlation, int target, ByteBuffer body, ArenaHandle handle) {
}
