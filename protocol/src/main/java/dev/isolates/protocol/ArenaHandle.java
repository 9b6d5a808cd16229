package dev.isolates.protocol;

import java.io.Serializable;

/**
 * What travels in the queue instead of a large payload: where it sits in the sender's arena.
 *
 * @param slot       the slot entry in the arena's table
 * @param generation the slot's generation when written; a stale handle is refused
 * @param offset     byte offset of the payload in the arena file
 * @param length     payload length in bytes
 */
public record ArenaHandle(int slot, int generation, long offset, long length) implements Serializable {
}
