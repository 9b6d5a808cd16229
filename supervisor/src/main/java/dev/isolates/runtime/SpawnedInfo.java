package dev.isolates.runtime;

/**
 * What a worker learns of an isolate it spawned, or of itself.
 *
 * @param id        the isolate's number
 * @param pid       its JVM's process id
 * @param debugName its name
 */
public record SpawnedInfo(int id, long pid, String debugName) {
}
