/**
 * Isolates for the JVM: Dart's isolate model with every isolate its own JVM process.
 *
 * <pre>{@code
 * int sum = Isolates.run(() -> IntStream.rangeClosed(1, 100).sum()).get();   // 5050, computed in another JVM
 * }</pre>
 *
 * <p>This package is the whole public surface: {@link dev.isolates.Isolates} runs computations,
 * {@link dev.isolates.IsolateOptions} configures the isolate's JVM, and every failure is an
 * {@link dev.isolates.IsolateException} that carries the facts (pid, exit code, reason, the last
 * lines the isolate wrote).
 */
package dev.isolates;
