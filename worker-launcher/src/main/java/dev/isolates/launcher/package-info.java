/**
 * Starting a JVM as an isolate: its command line (JDK-specific flags, classpath, limits), output
 * capture, and the worker's bootstrap ({@link dev.isolates.launcher.WorkerMain}) up to a connected
 * channel. What the worker then does is a {@link dev.isolates.launcher.WorkerBody} found through
 * {@link java.util.ServiceLoader}, so this module never depends on the API above it.
 */
package dev.isolates.launcher;
