package dev.isolates.protocol;

/** Parks on the first empty poll. */
final class ParkingWaitStrategy implements WaitStrategy {
    @Override
    public boolean idle(int emptyPolls) {
        return false;
    }
}
