/**
 * The worker side, in worker JVMs only: {@link dev.isolates.worker.IsolateWorkerBody} (the
 * {@link dev.isolates.bootstrap.WorkerBody} the bootstrap finds through {@link java.util.ServiceLoader}),
 * the event loop that runs one message at a time, and handles on other isolates as a worker sees
 * them. Users never import this package.
 */
package dev.isolates.worker;
