package dev.isolates;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The operating-system sandbox an isolate's JVM runs in: bubblewrap ({@code bwrap}) namespaces on
 * Linux. A sandboxed isolate is the first process of its own pid namespace, so every process it starts
 * ends with it; it has no network but a loopback interface of its own unless {@link Builder#network
 * allowed}; a private {@code /tmp}; and a filesystem of only the system's libraries, the JDK and its
 * classpath read-only, its own channel and arenas, and the paths given here. It sees neither the
 * other isolates' files, nor the home folder, nor {@code /etc}, nor other processes, and inherits
 * only the {@code PATH}, {@code LANG}, {@code LC_*} and {@code TZ} variables besides its options' own.
 * Immutable.
 *
 * <pre>{@code
 * IsolateOptions plugin = IsolateOptions.builder()
 *     .untrusted(true)
 *     .sandbox(Sandbox.builder().readablePaths(Path.of("/srv/data")).build())
 *     .build();
 * }</pre>
 *
 * <p>Untrusted isolates are sandboxed by default when {@code bwrap} is on the PATH; see
 * {@link IsolateOptions.Builder#sandbox(Sandbox)}.
 */
public final class Sandbox {
    /** The default limit on an isolate's processes and threads. */
    public static final int DEFAULT_MAX_PROCESSES = 4096;
    /** The default limit on an isolate's open files. */
    public static final int DEFAULT_MAX_OPEN_FILES = 4096;
    private static final Sandbox NONE = new Sandbox(false, new Builder());
    private static final Sandbox STRICT = builder().build();

    private final boolean enabled;
    private final boolean network;
    private final List<Path> readablePaths;
    private final List<Path> writablePaths;
    private final int maxProcesses;
    private final int maxOpenFiles;

    private Sandbox(boolean enabled, Builder b) {
        this.enabled = enabled;
        this.network = b.network;
        this.readablePaths = List.copyOf(b.readablePaths);
        this.writablePaths = List.copyOf(b.writablePaths);
        this.maxProcesses = b.maxProcesses;
        this.maxOpenFiles = b.maxOpenFiles;
    }

    /** {@return the sandbox with nothing added: no network, no paths beyond what the isolate needs} */
    public static Sandbox strict() {
        return STRICT;
    }

    /**
     * {@return no sandbox: the isolate runs as any other process of this user, which can read what the user
     * can; for a trusted isolate, or an untrusted one on a machine without bubblewrap}
     */
    public static Sandbox none() {
        return NONE;
    }

    /** {@return a builder of a sandbox, starting from {@link #strict()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return false for {@link #none()}} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return true if the isolate shares the host's network} */
    public boolean network() {
        return network;
    }

    /** {@return the extra paths the isolate may read, in order; unmodifiable} */
    public List<Path> readablePaths() {
        return readablePaths;
    }

    /** {@return the extra paths the isolate may read and write, in order; unmodifiable} */
    public List<Path> writablePaths() {
        return writablePaths;
    }

    /**
     * {@return the most processes and threads the isolate's user may have ({@code RLIMIT_NPROC}); 0 for
     * no limit. Linux does not apply it to root}
     */
    public int maxProcesses() {
        return maxProcesses;
    }

    /** {@return the most files the isolate may have open at once ({@code RLIMIT_NOFILE}); 0 for no limit} */
    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sandbox s && enabled == s.enabled && network == s.network
                && readablePaths.equals(s.readablePaths) && writablePaths.equals(s.writablePaths)
                && maxProcesses == s.maxProcesses && maxOpenFiles == s.maxOpenFiles;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, network, readablePaths, writablePaths, maxProcesses, maxOpenFiles);
    }

    @Override
    public String toString() {
        return enabled ? "Sandbox[network=" + network + ", readable=" + readablePaths + ", writable=" + writablePaths
                + ", maxProcesses=" + maxProcesses + ", maxOpenFiles=" + maxOpenFiles + "]" : "Sandbox.none()";
    }

    /** Builds a {@link Sandbox}. Not thread-safe. */
    public static final class Builder {
        private boolean network;
        private final List<Path> readablePaths = new ArrayList<>();
        private final List<Path> writablePaths = new ArrayList<>();
        private int maxProcesses = DEFAULT_MAX_PROCESSES;
        private int maxOpenFiles = DEFAULT_MAX_OPEN_FILES;

        private Builder() {
        }

        /**
         * Lets the isolate use the host's network (default false: only a loopback interface of its own).
         *
         * @param allowed true to share the network
         * @return this builder
         */
        public Builder network(boolean allowed) {
            this.network = allowed;
            return this;
        }

        /**
         * Adds files or folders the isolate may read, at the same paths; absent ones are skipped.
         *
         * @param paths the paths
         * @return this builder
         */
        public Builder readablePaths(Path... paths) {
            readablePaths.addAll(checked(paths));
            return this;
        }

        /**
         * Adds files or folders the isolate may read and write, at the same paths; absent ones are skipped.
         *
         * @param paths the paths
         * @return this builder
         */
        public Builder writablePaths(Path... paths) {
            writablePaths.addAll(checked(paths));
            return this;
        }

        /**
         * Limits the isolate's processes and threads (default {@value #DEFAULT_MAX_PROCESSES}); a JVM has
         * twenty or so threads of its own. Linux counts them per user and exempts root.
         *
         * @param max the limit, or 0 for none
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder maxProcesses(int max) {
            this.maxProcesses = nonNegative(max, "maxProcesses");
            return this;
        }

        /**
         * Limits the files the isolate may have open at once (default {@value #DEFAULT_MAX_OPEN_FILES});
         * a JVM opens one per classpath jar and a few per channel.
         *
         * @param max the limit, or 0 for none
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder maxOpenFiles(int max) {
            this.maxOpenFiles = nonNegative(max, "maxOpenFiles");
            return this;
        }

        /** {@return the sandbox; later changes to this builder do not reach it} */
        public Sandbox build() {
            return new Sandbox(true, this);
        }

        private static List<Path> checked(Path... paths) {
            List<Path> list = Arrays.asList(paths);
            list.forEach(p -> Objects.requireNonNull(p, "path"));
            return list;
        }

        private static int nonNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be 0 (no limit) or more, was " + value);
            }
            return value;
        }
    }
}
