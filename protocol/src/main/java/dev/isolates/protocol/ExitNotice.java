package dev.isolates.protocol;

/**
 * The worker's last word before its JVM ends on its own, sent from its shutdown hook or just before
 * it halts, so the supervisor can say why it died.
 *
 * @param reason an {@link ExitReason}'s {@link ExitReason#text(String) text}, such as {@code System.exit}
 *               or {@code StackOverflowError}
 * @param detail more for people (a stack), may be empty
 */
public record ExitNotice(String reason, String detail) {
}
