/**
 * The supervisor's implementation behind {@code dev.isolates}: the session, isolate processes and
 * their reader threads, the run call, exit classification, exception rebuilding, and the worker's
 * event loop. Users never import this package.
 */
package dev.isolates.supervisor;
