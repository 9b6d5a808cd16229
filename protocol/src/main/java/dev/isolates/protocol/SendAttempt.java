package dev.isolates.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@link IsolateChannel#send} in progress, as a {@link TransferSerializer} sees it: the arena
 * the sending end writes, where a payload may already live and then travel by handle. Serializers
 * that change state when they write (a {@code TransferableBuffer} becomes "sent") register here what
 * to do once the message is in the queue, and how to undo their change if the send fails (an
 * unsendable object later in the same body, a full disk), so a failed send leaves nothing half-sent.
 * The body is encoded once per send, so a serializer writes each value once per attempt.
 *
 * <p>Not thread-safe: used by the sending thread, under the channel's send lock.
 */
public final class SendAttempt {
    // Made on first use: most sends carry no TransferableBuffer, and every send makes an attempt.
    private List<Runnable> onSuccess;
    private List<Runnable> onFailure;

    private final TransferArena arena;

    SendAttempt(TransferArena arena) {
        this.arena = arena;
    }

    /** The arena the sending end writes: a payload in one of its slots can be handed over by handle. */
    public TransferArena arena() {
        return arena;
    }

    /** Runs {@code action} once the message has been appended. */
    public void whenSent(Runnable action) {
        if (onSuccess == null) {
            onSuccess = new ArrayList<>(2);
        }
        onSuccess.add(action);
    }

    /** Runs {@code undo} if the message is not appended after all. */
    public void whenFailed(Runnable undo) {
        if (onFailure == null) {
            onFailure = new ArrayList<>(2);
        }
        onFailure.add(undo);
    }

    void sent() {
        if (onSuccess != null) {
            onSuccess.forEach(Runnable::run);
        }
    }

    /** Undoes, latest first; an undo that throws does not stop the others, and is added to {@code cause}. */
    void failed(Throwable cause) {
        if (onFailure == null) {
            return;
        }
        for (int i = onFailure.size() - 1; i >= 0; i--) {
            try {
                onFailure.get(i).run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
