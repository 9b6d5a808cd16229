/**
 * The supervisor side, in the main JVM only: the session, isolate processes and their reader
 * threads, the main isolate's runtime (the hub that routes between workers), runs, pools and exit
 * classification. {@link dev.isolates.supervisor.MainIsolate} is the seam through which the shared
 * runtime reaches the main isolate; {@code Pool} and {@code RunCall} are the ones through which the
 * API starts pools and runs. Users never import this package.
 */
package dev.isolates.supervisor;
