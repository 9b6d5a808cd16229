package dev.isolates;

/**
 * A snapshot of an {@link IsolatePool}.
 *
 * @param alive    isolates running now
 * @param queued   tasks waiting for an isolate
 * @param running  tasks running now
 * @param done     tasks that completed with a value
 * @param failed   tasks that completed exceptionally (thrown, crashed, timed out, cancelled)
 * @param restarts isolates started to replace ones that ended
 */
public record PoolStats(int alive, int queued, int running, long done, long failed, long restarts) {
}
