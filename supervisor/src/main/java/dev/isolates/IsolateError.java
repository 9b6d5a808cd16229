package dev.isolates;

/**
 * What an isolate's error listeners receive when it does not catch an exception: like the
 * {@code [error, stackTrace]} pair of Dart's error port, with the class kept.
 *
 * @param className  the uncaught exception's class
 * @param message    its message, may be null
 * @param stackTrace its stack as text, causes included, as it was in the isolate
 */
public record IsolateError(String className, String message, String stackTrace) {
}
