package dev.isolates.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr: items done of the total, rate and time left. Drawn only
 * when the console is a terminal, at most ten times a second. Not thread-safe: one thread reports.
 */
final class Progress {
    private final PrintStream out;
    private final boolean shown;
    private final String unit;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    Progress(Console console, String unit, long total, boolean quiet) {
        this.out = console.err();
        this.unit = unit;
        this.total = total;
        this.shown = !quiet && console.stderrTerminal();
    }

    /** The launcher script says whether stderr is a terminal; without it, guess from the console. */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("isolatectl.stderr.terminal");
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    /** Reports {@code done} items and {@code bytes} so far. */
    void update(long done, long bytes) {
        if (!shown) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawn < 100_000_000L && done < total) {
            return;
        }
        lastDrawn = now;
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        StringBuilder line = new StringBuilder("\r");
        if (total > 0) {
            int width = 24;
            int filled = (int) (width * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
            line.append(done).append('/').append(total).append(' ').append(unit);
        } else {
            line.append(done).append(' ').append(unit);
        }
        line.append(String.format(Locale.ROOT, "  %.0f/s", done / seconds));
        if (bytes > 0) {
            line.append(String.format(Locale.ROOT, "  %.1f MB/s", bytes / 1e6 / seconds));
        }
        if (total > 0 && done > 0 && done < total) {
            line.append(String.format(Locale.ROOT, "  %.0f s left", seconds * (total - done) / done));
        }
        line.append("   ");
        out.print(line);
        out.flush();
        drawn = true;
    }

    /** Prints {@code text} as a line of its own on stderr, over the progress line if one is drawn. */
    void println(String text) {
        if (drawn) {
            out.print("\r\033[K"); // the terminal clears the progress line; the next update draws it anew
            lastDrawn = 0;
        }
        out.println(text);
        out.flush();
    }

    /** Ends the line, if one was drawn. */
    void finish() {
        if (drawn) {
            out.println();
        }
    }
}
