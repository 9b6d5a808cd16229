package dev.isolates;

/**
 * Handles one message in the long-running isolates of {@code isolatectl spawn}: one message per
 * line of standard input, one reply per line of standard output, in input order. The class needs a
 * public no-argument constructor; each isolate makes one instance and keeps it.
 */
public interface MessageHandler {
    /**
     * Answers one message; the reply is turned into JSON text in the isolate.
     *
     * @param message one line of standard input, without its line break
     * @return the reply, written as one line of JSON
     * @throws Exception anything; that line's reply is then {@code {"error": ..., "line": N}} and the
     *                   isolate goes on with the next message
     */
    Object handle(String message) throws Exception;
}
