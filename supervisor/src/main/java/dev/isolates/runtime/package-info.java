/**
 * The runtime both JVMs share, beneath the API: the isolate this JVM is
 * ({@link dev.isolates.runtime.IsolateRuntime}), ports and their addresses, transfer backings and
 * their serializer, the codec set-up, the control messages, rebuilding remote failures, and
 * {@link dev.isolates.runtime.ApiBridge}, the one seam through which the runtime builds and opens the
 * API's final classes. Users never import this package.
 */
package dev.isolates.runtime;
