package dev.isolates.protocol;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for the next message of a channel end: polls, spins and yields as the {@link WaitStrategy}
 * says, then says in the {@link WakeFlags} that it is parked and parks on the {@link Doorbell} until
 * the peer rings it. The sender appends, fences, then rings only if the flag says parked; the
 * receiver sets the flag, then polls once more before parking: one of the two always sees the other.
 *
 * <p>Not thread-safe: one reader thread receives.
 */
final class Receiver {
    /** A parked reader wakes at least this often, to look again even if a ring were lost. */
    static final long PARK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Side side;
    private final MessageSource source;
    private final WaitStrategy wait;
    private final WakeFlags flags;
    private final Doorbell doorbell;
    /** The last receive found nothing. */
    private boolean idle;

    Receiver(Side side, MessageSource source, WaitStrategy wait, WakeFlags flags, Doorbell doorbell) {
        this.side = side;
        this.source = source;
        this.wait = wait;
        this.flags = flags;
        this.doorbell = doorbell;
    }

    /**
     * The next message, waiting up to {@code timeout}.
     *
     * @return the message, or null when the time ran out
     * @throws PeerGoneException when the other process closed its end and nothing is left to read
     */
    Inbound receive(long timeout, TimeUnit unit) throws IOException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        // After a receive that found nothing, go straight back to parking: spinning again on every
        // call of an idle reader would cost a busy loop per time slice.
        int emptyPolls = idle ? Integer.MAX_VALUE / 2 : 0;
        boolean parked = idle;
        while (true) {
            Inbound m = source.poll();
            if (m != null) {
                idle = false;
                wait.delivered(parked);
                return m;
            }
            if (wait.idle(emptyPolls++)) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                idle = true;
                return null;
            }
            flags.markParked(side);
            m = source.poll();
            if (m != null) {
                flags.markRunning(side);
                wait.delivered(true);
                return m;
            }
            parked = true;
            Doorbell.Wake wake = doorbell.await(Math.min(left, PARK_SLICE_NANOS));
            flags.markRunning(side);
            if (wake == Doorbell.Wake.TIMED_OUT) {
                continue; // nothing came: look once more, then park again without spinning
            }
            if (wake == Doorbell.Wake.PEER_GONE) {
                m = source.poll();
                if (m != null) {
                    return m;
                }
                throw peerGone();
            }
            emptyPolls = 0;
        }
    }

    /**
     * Parks without reading while {@code needed} holds, until rung, the peer is gone, or
     * {@code timeout} passes. {@code needed} is looked at again once the flag says parked.
     *
     * @throws PeerGoneException when the other process closed its end
     */
    void park(long timeout, TimeUnit unit, BooleanSupplier needed) throws IOException {
        flags.markParked(side);
        try {
            if (!needed.getAsBoolean()) {
                return;
            }
            if (doorbell.await(unit.toNanos(timeout)) == Doorbell.Wake.PEER_GONE) {
                throw peerGone();
            }
        } finally {
            flags.markRunning(side);
        }
    }

    private PeerGoneException peerGone() {
        return new PeerGoneException("the " + side.peer().name().toLowerCase(Locale.ROOT) + " closed the channel");
    }
}
