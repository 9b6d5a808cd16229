package dev.isolates.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/** The rows {@code scripts/bench} prints: each figure, its baseline from the same run, and the ratio. Not thread-safe. */
final class BenchTable {
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a row; {@code ratio} NaN leaves the speed-up empty. */
    void row(String what, String format, double value, String baseline, String baselineValue, double ratio) {
        rows.add(new String[] {what, String.format(Locale.ROOT, format, value), baseline, baselineValue,
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2fx", ratio)});
    }

    /** Prints the table to stdout. */
    void print() {
        String f = "%-40s %12s   %-14s %12s   %8s%n";
        System.out.printf(Locale.ROOT, f, "measure", "isolates", "baseline", "baseline", "speed-up");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, f, (Object[]) r);
        }
        System.out.println("speed-up = baseline / isolates, both measured in this run.");
    }

    /** {@code v} without a fraction when it is whole, else with one decimal. */
    static String fmt(double v) {
        return v == Math.rint(v) && v < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
