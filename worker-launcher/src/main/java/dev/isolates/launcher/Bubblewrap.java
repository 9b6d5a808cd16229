package dev.isolates.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bubblewrap program ({@code bwrap}) that sandboxes isolates: where it is, and whether it can
 * create namespaces on this machine, which is tried once per JVM and program by running it.
 * Thread-safe.
 */
public final class Bubblewrap {
    /** A system property naming the {@code bwrap} to use; by default it is looked up on the PATH. */
    public static final String PROPERTY = "isolates.bwrap";
    /** The environment variable naming the {@code bwrap} to use when {@value #PROPERTY} is not set. */
    public static final String VARIABLE = "ISOLATES_BWRAP";
    /** What to do when there is none. */
    public static final String INSTALL_HINT = "install bubblewrap (Debian and Ubuntu: apt-get install bubblewrap;"
            + " Fedora: dnf install bubblewrap)";
    private static final long PROBE_SECONDS = 10;
    private static final Map<Path, Bubblewrap> PROBED = new ConcurrentHashMap<>();

    private final Path executable;
    private final String problem;

    private Bubblewrap(Path executable, String problem) {
        this.executable = executable;
        this.problem = problem;
    }

    /**
     * The {@code bwrap} named by {@value #PROPERTY}, else by {@value #VARIABLE}, else found on the PATH;
     * probed the first time it is asked for.
     */
    public static Bubblewrap find() {
        String configured = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        Optional<Path> found = configured != null && !configured.isBlank() ? Optional.of(Path.of(configured))
                : onPath("bwrap");
        if (found.isEmpty()) {
            return new Bubblewrap(null, "the sandbox needs bubblewrap (bwrap), which is not on the PATH ("
                    + System.getenv("PATH") + "): " + INSTALL_HINT);
        }
        return PROBED.computeIfAbsent(found.get(), Bubblewrap::probe);
    }

    /** {@return true if isolates can be sandboxed here} */
    public boolean usable() {
        return problem == null;
    }

    /** {@return the program's path; empty when none was found} */
    public Optional<Path> executable() {
        return Optional.ofNullable(executable);
    }

    /**
     * {@return why isolates cannot be sandboxed here, with what to install or allow; empty when they can.
     * The caller adds how to opt out, which differs between the API and the command line}
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Runs {@code bwrap} with the namespaces an isolate gets, around a program that does nothing. */
    private static Bubblewrap probe(Path bwrap) {
        if (!Files.isExecutable(bwrap)) {
            return new Bubblewrap(bwrap, "the sandbox needs bubblewrap, but " + bwrap + " is not an executable file: "
                    + INSTALL_HINT + ", or point -D" + PROPERTY + " at it");
        }
        Optional<Path> trueProgram = onPath("true");
        if (trueProgram.isEmpty()) {
            return new Bubblewrap(bwrap, null); // nothing to try it with: the first isolate's start will say
        }
        List<String> command = List.of(bwrap.toString(), "--unshare-all", "--as-pid-1", "--die-with-parent",
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", trueProgram.get().toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Bubblewrap(bwrap, bwrap + " did not finish a trial sandbox within " + PROBE_SECONDS
 + " s");
            }
            if (p.exitValue() != 0) {
                return new Bubblewrap(bwrap, bwrap + " cannot create namespaces here (it said: "
                        + new String(output, StandardCharsets.UTF_8).strip() + "); allow unprivileged user namespaces"
                        + " (sysctl kernel.unprivileged_userns_clone=1, or an AppArmor profile for bwrap)");
            }
            return new Bubblewrap(bwrap, null);
        } catch (IOException e) {
            return new Bubblewrap(bwrap, "could not run " + bwrap + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Bubblewrap(bwrap, "interrupted while trying " + bwrap);
        }
    }

    /** The first executable file named {@code name} in the folders of the PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
