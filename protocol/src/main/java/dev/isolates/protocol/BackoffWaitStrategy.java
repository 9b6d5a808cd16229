package dev.isolates.protocol;

/**
 * Busy-spins for a few polls, yields the core for a while, then asks to park. On two cores a longer
 * spin steals the core that the peer needs to answer.
 *
 * <p>The yield phase adapts: each wait that ends in parking halves it (down to {@code minYields}),
 * and a message caught before parking restores it. A reader whose messages come far apart (a
 * result every few milliseconds) then parks almost at once instead of yielding for hundreds of
 * microseconds per message, while a quick exchange of messages keeps the full budget.
 *
 * <p>Not thread-safe: one instance per reader.
 */
final class BackoffWaitStrategy implements WaitStrategy {
    static final int DEFAULT_SPINS = 50;
    static final int DEFAULT_YIELDS = 200;
    static final int DEFAULT_MIN_YIELDS = 12;

    private final int spins;
    private final int maxYields;
    private final int minYields;
    private int yields;

    BackoffWaitStrategy(int spins, int maxYields, int minYields) {
        if (spins < 0 || minYields < 0 || maxYields < minYields) {
            throw new IllegalArgumentException("need spins >= 0 and 0 <= minYields <= maxYields, were " + spins
                    + ", " + minYields + " and " + maxYields);
        }
        this.spins = spins;
        this.maxYields = maxYields;
        this.minYields = minYields;
        this.yields = maxYields;
    }

    @Override
    public boolean idle(int emptyPolls) {
        if (emptyPolls < spins) {
            Thread.onSpinWait();
            return true;
        }
        if (emptyPolls < spins + yields) {
            Thread.yield();
            return true;
        }
        return false;
    }

    @Override
    public void delivered(boolean parked) {
        yields = parked ? Math.max(minYields, yields / 2) : maxYields;
    }

    /** How many yields the next wait makes before it parks. */
    int yields() {
        return yields;
    }
}
