package dev.isolates.supervisor;

/**
 * What a worker learns of an isolate it spawned, or of itself.
 *
 * @param id        the isolate's number
 * @param pid       its JVM's process id
 * @param debugName its name
 */
record SpawnedInfo(int id, long pid, String debugName) {
}
