package dev.isolates.events;

import java.util.Locale;
import java.util.Set;
import jdk.jfr.SettingControl;

/**
 * The {@code taskThreshold} setting of {@code dev.isolates.PoolTask}: a task is recorded only if it
 * took at least this long from submission to outcome. Values are JFR timespans, such as
 * {@code 20 ms} (the default), {@code 0 ns} (every task) or {@code infinity} (none); with several
 * recordings running, the smallest one applies, so each gets the tasks it asked for.
 *
 * <p>Thread-safe: JFR sets the value, any thread reads it.
 */
public final class TaskThreshold extends SettingControl {
    static final String DEFAULT = "20 ms";
    private static final long DEFAULT_NANOS = 20_000_000L;
    private volatile String text = DEFAULT;
    private volatile long nanos = DEFAULT_NANOS;

    /** The one JFR made for the event, or null before it registered it; read to skip quick tasks cheaply. */
    private static volatile TaskThreshold inUse;

    /** Made by JFR, at the default. */
    public TaskThreshold() {
        inUse = this;
    }

    /** Whether a task that took {@code totalNanos} is recorded. */
    boolean records(long totalNanos) {
        return totalNanos >= nanos;
    }

    /**
     * Whether a task that took {@code totalNanos} may be recorded, known without making its event: a
     * pool asks before it makes one, so a quick task costs nothing more than this call.
     */
    public static boolean mayRecord(long totalNanos) {
        TaskThreshold t = inUse;
        return t == null || t.records(totalNanos);
    }

    @Override
    public String combine(Set<String> values) {
        String smallest = null;
        long least = Long.MAX_VALUE;
        for (String value : values) {
            long n = nanos(value);
            if (smallest == null || n < least) {
                smallest = value;
                least = n;
            }
        }
        return smallest == null ? DEFAULT : smallest;
    }

    @Override
    public void setValue(String value) {
        nanos = nanos(value);
        text = value;
    }

    @Override
    public String getValue() {
        return text;
    }

    /**
     * {@code value} in nanoseconds: a number and a unit ({@code ns}, {@code us}, {@code ms}, {@code s},
     * {@code m}, {@code h}, {@code d}), with or without a space, {@code 0}, or {@code infinity}; a
     * value it cannot read is the default, as JFR treats an unknown setting's value.
     */
    static long nanos(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        int unit = 0;
        while (unit < v.length() && Character.isDigit(v.charAt(unit))) {
            unit++;
        }
        if (unit == 0) {
            return DEFAULT_NANOS;
        }
        long amount;
        try {
            amount = Long.parseLong(v.substring(0, unit));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long holds: longer than any task
        }
        long scale = switch (v.substring(unit).trim()) {
            case "", "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> -1L;
        };
        if (scale < 0) {
            return DEFAULT_NANOS;
        }
        return amount > Long.MAX_VALUE / scale ? Long.MAX_VALUE : amount * scale;
    }
}
