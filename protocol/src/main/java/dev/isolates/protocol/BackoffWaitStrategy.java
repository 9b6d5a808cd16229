package dev.isolates.protocol;

/**
 * Busy-spins for a few thousand polls (microseconds), yields the core for a while, then asks to park.
 * On two cores a longer spin steals the core that the peer needs to answer.
 */
final class BackoffWaitStrategy implements WaitStrategy {
    static final int DEFAULT_SPINS = 50;
    static final int DEFAULT_YIELDS = 200;

    private final int spins;
    private final int yields;

    BackoffWaitStrategy(int spins, int yields) {
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0, were " + spins + " and " + yields);
        }
        this.spins = spins;
        this.yields = yields;
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
}
