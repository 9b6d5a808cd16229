package dev.isolates.runtime;

import dev.isolates.IsolateEntryPoint;

/**
 * The body of START: a spawned isolate's entry point and its first message.
 *
 * @param entryPoint what to run
 * @param message    its argument
 */
public record StartRequest(IsolateEntryPoint<Object> entryPoint, Object message) {
}
