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

    /** Spins, then yields, then parks: the default for channels. */
    static WaitStrategy backoff() {
        return new BackoffWaitStrategy(BackoffWaitStrategy.DEFAULT_SPINS, BackoffWaitStrategy.DEFAULT_YIELDS);
    }

    /** Parks at once: costs no CPU while idle, wakes in tens of microseconds. */
    static WaitStrategy parking() {
        return new ParkingWaitStrategy();
    }
}
