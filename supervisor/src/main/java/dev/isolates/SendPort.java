package dev.isolates;

/**
 * Where to send messages for a {@link ReceivePort}. A send port may itself be sent, in any message,
 * to any isolate; sending through it from anywhere reaches the port's owner, in order per sender.
 *
 * <p>Safe to use from any thread.
 */
public interface SendPort extends java.io.Serializable {
    /**
     * Copies {@code message} (and all it reaches) to the port's isolate. The message is checked
     * here, before anything leaves: an unsendable one throws {@link UnsendableException} and nothing
     * is sent. A message to a closed port, or to an isolate that has ended, is dropped, as in Dart.
     *
     * @param message the message, which may be null; the receiver gets its own copy
     */
    void send(Object message);
}
