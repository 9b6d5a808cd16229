package dev.isolates.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/<pid>/stat} says of one process that the supervisor needs: its state and the
 * session it belongs to.
 *
 * @param pid     the process
 * @param state   its state letter: {@code R}, {@code S}, {@code Z} for a zombie, and so on
 * @param session its session id, the pid of the process that made the session with {@code setsid}
 */
record ProcessStat(long pid, char state, long session) {
    static final Path PROC = Path.of("/proc");

    /** The process's stat, or empty when it is gone or {@code /proc} cannot be read. */
    static Optional<ProcessStat> read(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"),
                    StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone between the listing and the read (ENOENT, ESRCH), or no /proc
        }
    }

    /**
     * Parses a stat line: {@code pid (comm) state ppid pgrp session ...}. The command name may hold
     * spaces and parentheses of its own, so the fields are counted from its last {@code ')'}.
     */
    static ProcessStat parse(long pid, String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/" + pid + "/stat line: " + stat);
        }
        String[] fields = stat.substring(end + 2).split(" ", 5);
        if (fields.length < 5) {
            throw new IllegalArgumentException("not a /proc/" + pid + "/stat line: " + stat);
        }
        return new ProcessStat(pid, fields[0].charAt(0), Long.parseLong(fields[3]));
    }

    /** True for a process that has ended and waits to be reaped. */
    boolean ended() {
        return state == 'Z' || state == 'X';
    }
}
