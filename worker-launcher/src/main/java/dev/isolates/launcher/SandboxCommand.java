package dev.isolates.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code bwrap} arguments that put one isolate's JVM in its own sandbox: new user, pid, network,
 * mount, IPC and UTS namespaces, the JVM as the pid namespace's init (its whole process tree ends with
 * it), killed when the supervisor is, and a filesystem of only the system's programs and libraries,
 * the JDK and the classpath read-only, a private {@code /tmp}, and read-write only the isolate's own
 * channel folder and arenas. The rest of the session directory, the home folder, {@code /etc} and
 * other processes are not there.
 */
final class SandboxCommand {
    /** The system folders programs and libraries come from; absent ones are skipped. */
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");
    /** The only variables a sandboxed isolate inherits; its options add their own. */
    static final List<String> INHERITED_VARIABLES = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ");
    /** Symbolic links inside the JDK are followed this deep when looking for what they point to outside it. */
    private static final int JDK_LINK_DEPTH = 4;
    /** The walk through a JDK's folder is done once per JDK, not at every start. */
    private static final Map<Path, Set<Path>> JDK_FOLDERS = new java.util.concurrent.ConcurrentHashMap<>();

    private SandboxCommand() {
    }

    /**
     * The arguments before the JVM's command.
     *
     * @param bwrap     the bubblewrap program
     * @param sandbox   what the isolate may reach
     * @param javaHome  the JDK the isolate runs
     * @param classpath the isolate's classpath entries
     * @param writable  the isolate's own folder and arenas
     * @param readable  other files it needs read-only, such as a class-data archive
     * @param prlimit   the {@code prlimit} program, when limits are asked for and it exists
     */
    static List<String> prefix(Path bwrap, SandboxSpec sandbox, Path javaHome, List<String> classpath,
                               List<Path> writable, List<Path> readable, Optional<Path> prlimit) {
        List<String> cmd = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all"));
        if (sandbox.network()) {
            cmd.add("--share-net");
        }
        // Not --new-session: a session of its own is a scheduling group of its own where Linux groups by
        // session (autogroup), and a round trip then took four times as long on a busy machine. Its
        // terminal stays out of reach without one: stdin is /dev/null, and /dev/tty is too.
        cmd.addAll(List.of("--as-pid-1", "--die-with-parent", "--cap-drop", "ALL"));
        for (String dir : SYSTEM) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    // unreadable link: the folder is left out, as if absent
                }
            } else if (Files.isDirectory(p)) {
                roBind(cmd, p);
            }
        }
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--ro-bind", "/dev/null", "/dev/tty",
                "--tmpfs", "/tmp", "--chdir", "/tmp"));
        for (Path p : jdkFolders(javaHome)) {
            roBind(cmd, p);
        }
        for (String entry : classpath) {
            roBindIfPresent(cmd, Path.of(entry).toAbsolutePath());
        }
        for (Path p : readable) {
            roBindIfPresent(cmd, p.toAbsolutePath());
        }
        for (String p : sandbox.readablePaths()) {
            roBindIfPresent(cmd, Path.of(p).toAbsolutePath());
        }
        for (String p : sandbox.writablePaths()) {
            bind(cmd, "--bind-try", Path.of(p).toAbsolutePath());
        }
        for (Path p : writable) {
            bind(cmd, "--bind", p.toAbsolutePath());
        }
        if (prlimit.isPresent() && (sandbox.maxProcesses() > 0 || sandbox.maxOpenFiles() > 0)) {
            cmd.add("--");
            cmd.add(prlimit.get().toString());
            if (sandbox.maxProcesses() > 0) {
                cmd.add("--nproc=" + sandbox.maxProcesses());
            }
            if (sandbox.maxOpenFiles() > 0) {
                cmd.add("--nofile=" + sandbox.maxOpenFiles());
            }
        }
        cmd.add("--");
        return cmd;
    }

    /** The environment of a sandboxed isolate: a few of the supervisor's variables, then its options' own. */
    static void restrict(Map<String, String> environment, Map<String, String> added) {
        Map<String, String> kept = new java.util.HashMap<>();
        for (String name : INHERITED_VARIABLES) {
            String value = environment.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        environment.clear();
        environment.putAll(kept);
        environment.put("HOME", "/tmp");
        environment.put("TMPDIR", "/tmp");
        environment.putAll(added);
    }

    /**
     * The JDK's folder and those its symbolic links lead to outside it and outside the system folders
     * (a Debian JDK keeps its {@code conf} in {@code /etc}, for example), in the order found. Thread-safe.
     */
    static Set<Path> jdkFolders(Path javaHome) {
        return JDK_FOLDERS.computeIfAbsent(javaHome, SandboxCommand::findJdkFolders);
    }

    private static Set<Path> findJdkFolders(Path javaHome) {
        Set<Path> folders = new LinkedHashSet<>();
        Path home;
        try {
            home = javaHome.toRealPath();
        } catch (IOException e) {
            home = javaHome.toAbsolutePath();
        }
        folders.add(home);
        try (Stream<Path> files = Files.walk(home, JDK_LINK_DEPTH)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                try {
                    Path target = link.toRealPath();
                    if (!target.startsWith(home) && !underSystem(target)) {
                        folders.add(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? target : target.getParent());
                    }
                } catch (IOException e) {
                    // a dangling link: nothing to bind
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable JDK folder: the JVM will say what it misses
        }
        return java.util.Collections.unmodifiableSet(folders);
    }

    private static boolean underSystem(Path p) {
        for (String dir : SYSTEM) {
            if (p.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    private static void roBind(List<String> cmd, Path p) {
        cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
    }

    private static void roBindIfPresent(List<String> cmd, Path p) {
        cmd.addAll(List.of("--ro-bind-try", p.toString(), p.toString()));
    }

    private static void bind(List<String> cmd, String flag, Path p) {
        cmd.addAll(List.of(flag, p.toString(), p.toString()));
    }
}
