package dev.isolates.scripts;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** The {@code p}-th percentile (0 to 100) in microseconds. */
    double micros(double p) {
        int i = (int) Math.min(sorted.length - 1, Math.floor(p / 100.0 * sorted.length));
        return sorted[i] / 1e3;
    }

    /** The median in milliseconds. */
    double medianMillis() {
        return sorted[sorted.length / 2] / 1e6;
    }
}
