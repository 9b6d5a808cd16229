package dev.isolates.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started: the mark that tells a process from a later one given the same pid.
 *
 * <p>On Linux it is the start in clock ticks after boot, field 22 of {@code /proc/PID/stat}, written
 * {@code tTICKS}: the kernel keeps it and no change of the wall clock moves it. Elsewhere it is the
 * start instant the JDK reports, in epoch milliseconds. A JVM computes that instant from the boot
 * time as the wall clock gives it, so two JVMs can disagree about one process by as much as the
 * clock was stepped between their starts; it is compared with a second's slack.
 *
 * @param value the ticks after boot, or the epoch milliseconds; 0 when unknown
 * @param ticks whether {@code value} counts clock ticks after boot
 */
record ProcessStart(long value, boolean ticks) {
    private static final long MILLIS_SLACK = 1000;

    /** The start of the process {@code pid}, if it runs and its start can be read. */
    static Optional<ProcessStart> of(long pid) {
        Optional<ProcessStart> ticks = bootTicks(pid);
        if (ticks.isPresent()) {
            return ticks;
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
                .map(start -> new ProcessStart(start.toEpochMilli(), false));
    }

    /** This JVM's start. */
    static ProcessStart self() {
        return of(ProcessHandle.current().pid()).orElse(new ProcessStart(0, false));
    }

    private static Optional<ProcessStart> bootTicks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // no procfs, or the process is gone
        }
        // "PID (COMMAND) STATE ..." where COMMAND may hold spaces and parentheses: count from the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        try {
            return Optional.of(new ProcessStart(Long.parseLong(fields[19]), true)); // field 22; field 3 is fields[0]
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads what {@link #text()} wrote; an unknown start for text of neither form. */
    static ProcessStart parse(String text) {
        try {
            if (text.startsWith("t")) {
                return new ProcessStart(Long.parseLong(text.substring(1)), true);
            }
            return new ProcessStart(Long.parseLong(text), false);
        } catch (NumberFormatException e) {
            return new ProcessStart(0, false);
        }
    }

    /** {@code tTICKS} or {@code MILLIS}: no '-' and no space, so it fits in a name and on a line. */
    String text() {
        return ticks ? "t" + value : Long.toString(value);
    }

    /**
     * Whether the process that now has {@code pid} started at another time than this says, so
     * that it is a later process given the same pid. False when either start is unknown.
     */
    boolean isOtherThan(long pid) {
        if (value == 0) {
            return false;
        }
        if (ticks) {
            return bootTicks(pid).map(now -> now.value != value).orElse(false);
        }
        long now = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli).orElse(0L);
        return now != 0 && Math.abs(now - value) > MILLIS_SLACK;
    }
}
