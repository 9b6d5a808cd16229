package dev.isolates.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fatal-error report ({@code hs_err_pid<pid>.log}) of a worker JVM that crashed in native code.
 * The JVM prints the report's banner, which names the signal and the problematic frame, to its
 * stdout, where {@link WorkerStdout} takes it for the stderr tail; the report file holds the same
 * banner. It is where HotSpot puts it: {@code -XX:ErrorFile} (with {@code %p} the pid; every isolate
 * gets one in its session directory), else the working directory, else {@code /tmp}.
 */
final class CrashReport {
    static final String FILE_PREFIX = "hs_err_pid";
    private static final String ERROR_FILE_FLAG = "-XX:ErrorFile=";
    /** The banner is the report's first block; it ends at the first blank line. */
    private static final int MAX_BANNER_LINES = 20;
    /** Reports kept in one folder: a pool whose isolates crash again and again would fill it (100 KB each). */
    static final int KEEP = 16;

    private CrashReport() {
    }

    /** The flag that puts a crashed worker's report into {@code folder}. */
    static String errorFileFlag(Path folder) {
        return ERROR_FILE_FLAG + folder.resolve(FILE_PREFIX + "%p.log");
    }

    /** Where the report of process {@code pid} started with {@code command} is, if it wrote one. */
    static Optional<Path> find(List<String> command, long pid) {
        Path newest = null;
        FileTime newestTime = null;
        for (Path candidate : candidates(command, pid)) {
            if (read(candidate, pid).isEmpty()) {
                continue;
            }
            try {
                FileTime time = Files.getLastModifiedTime(candidate);
                if (newestTime == null || time.compareTo(newestTime) > 0) {
                    newest = candidate;
                    newestTime = time;
                }
            } catch (IOException e) {
                continue; // removed while we looked
            }
        }
        return Optional.ofNullable(newest).map(Path::toAbsolutePath);
    }

    /** Removes all but the {@value #KEEP} newest reports in {@code report}'s folder. */
    static void pruneBeside(Path report) {
        Path folder = report.getParent();
        if (folder != null) {
            NewestFiles.keep(folder, name -> name.startsWith(FILE_PREFIX), KEEP);
        }
    }

    /** Where a crashed worker started with {@code command} as process {@code pid} may have put its report. */
    static List<Path> candidates(List<String> command, long pid) {
        List<Path> paths = new ArrayList<>();
        for (String arg : command) {
            if (arg.startsWith(ERROR_FILE_FLAG)) {
                paths.clear(); // the last one given wins, as on the JVM's command line
                paths.add(Path.of(expand(arg.substring(ERROR_FILE_FLAG.length()), pid)));
            }
        }
        paths.add(Path.of(FILE_PREFIX + pid + ".log"));
        paths.add(Path.of("/tmp", FILE_PREFIX + pid + ".log"));
        return paths;
    }

    private static String expand(String pattern, long pid) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' && i + 1 < pattern.length()) {
                char next = pattern.charAt(++i);
                s.append(next == 'p' ? Long.toString(pid) : next == '%' ? "%" : "%" + next);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /**
     * The banner of the report that process {@code pid} wrote, followed by a line naming the file;
     * empty when there is none. A report whose banner names another pid (an older process's) is skipped.
     */
    static List<String> banner(List<String> command, long pid) {
        Optional<Path> report = find(command, pid);
        if (report.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(read(report.get(), pid).orElse(List.of()));
        lines.add("# The JVM's crash report: " + report.get());
        return lines;
    }

    private static Optional<List<String>> read(Path file, long pid) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        boolean ours = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty() && lines.size() < MAX_BANNER_LINES) {
                lines.add(line);
                ours |= line.contains("pid=" + pid + ",");
            }
        } catch (IOException e) {
            return Optional.empty(); // unreadable: as good as absent
        }
        return ours ? Optional.of(lines) : Optional.empty();
    }
}
