/**
 * The worker JVM's bootstrap, in worker JVMs only: {@link dev.isolates.bootstrap.WorkerMain} watches
 * the supervisor, opens the channel and hands over to a {@link dev.isolates.bootstrap.WorkerBody}
 * found through {@link java.util.ServiceLoader}, so this module never depends on the runtime above it.
 * {@link dev.isolates.bootstrap.WorkerHandover}, read from stdin, is
 * the contract with the launcher that starts it.
 */
package dev.isolates.bootstrap;
