package dev.isolates.protocol;

/**
 * What a reader does after a poll found nothing, before it parks on the doorbell. Built explicitly,
 * because Chronicle's {@code Pauser.balanced()} silently becomes {@code sleepy()} (0.6 ms wake-ups)
 * on machines with fewer than 4 CPUs.
 */
public interface WaitStrategy {
    /**
     * Waits briefly after the {@code emptyPolls}-th empty poll in a row.
     *
     * @return true to poll again, false to park on the doorbell
     */
    boolean idle(int emptyPolls);

    /**
     * A message came; {@code parked} says whether the reader parked for it. Lets a strategy adapt
     * how long it spins to how far apart messages come. Does nothing by default.
     */
    default void delivered(boolean parked) {
    }

    /**
     * Spins, then yields, then parks: the default for channels. The yields shrink while messages come
     * far apart and grow back when one is caught before parking.
     */
    static WaitStrategy backoff() {
        return new BackoffWaitStrategy(BackoffWaitStrategy.DEFAULT_SPINS, BackoffWaitStrategy.DEFAULT_YIELDS,
                BackoffWaitStrategy.DEFAULT_MIN_YIELDS);
    }

    /** Parks at once: costs no CPU while idle, wakes in tens of microseconds. */
    static WaitStrategy parking() {
        return new ParkingWaitStrategy();
    }
}
