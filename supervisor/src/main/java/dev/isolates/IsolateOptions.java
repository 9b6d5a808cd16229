package dev.isolates;

import dev.isolates.launcher.WorkerCommandLine;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to start an isolate's JVM. Immutable; build with {@link #builder()}, or take
 * {@link #defaults()}.
 *
 * <pre>{@code
 * IsolateOptions options = IsolateOptions.builder()
 *     .debugName("parser")
 *     .maxHeap("256m")
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class IsolateOptions {
    private static final IsolateOptions DEFAULTS = builder().build();
    /** The most bytes one message from an untrusted isolate may take, unless {@link Builder#maxMessageSize} says otherwise. */
    public static final long UNTRUSTED_MAX_MESSAGE_SIZE = 64L * 1024 * 1024;

    private final String debugName;
    private final String maxHeap;
    private final List<String> jvmArgs;
    private final List<Path> classpath;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final boolean paused;
    private final boolean errorsAreFatal;
    private final SendPort onExitPort;
    private final Object onExitResponse;
    private final SendPort onErrorPort;
    private final boolean untrusted;
    /** Null for the default, which depends on {@link #untrusted}. */
    private final Long maxMessageSize;
    /** Null for the default, which depends on {@link #untrusted}. */
    private final Sandbox sandbox;
    /** Null for this JVM's {@code System.out}. */
    private final Supplier<OutputStream> stdout;
    /** Null for this JVM's {@code System.err}. */
    private final Supplier<OutputStream> stderr;
    /** Null for this JVM's working folder. */
    private final Path workingDirectory;
    /** Null for the default, {@value #IN_PROCESS_PROPERTY}. */
    private final Boolean inProcess;

    /**
     * The system property that makes {@link #inProcess()} true by default for trusted isolates:
     * {@code -Disolates.inProcess=true}.
     */
    public static final String IN_PROCESS_PROPERTY = "isolates.inProcess";

    private IsolateOptions(Builder b) {
        this.debugName = b.debugName;
        this.maxHeap = b.maxHeap;
        this.jvmArgs = List.copyOf(b.jvmArgs);
        this.classpath = List.copyOf(b.classpath);
        this.timeout = b.timeout;
        this.environment = Map.copyOf(b.environment);
        this.paused = b.paused;
        this.errorsAreFatal = b.errorsAreFatal;
        this.onExitPort = b.onExitPort;
        this.onExitResponse = b.onExitResponse;
        this.onErrorPort = b.onErrorPort;
        this.untrusted = b.untrusted;
        this.maxMessageSize = b.maxMessageSize;
        this.sandbox = b.sandbox;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.workingDirectory = b.workingDirectory;
        this.inProcess = b.inProcess;
    }

    /**
     * No name, the JVM's default heap, no extra arguments, no timeout.
     *
     * @return the shared default options
     */
    public static IsolateOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the isolate's name, shown in errors and logs; empty for a generated one} */
    public Optional<String> debugName() {
        return Optional.ofNullable(debugName);
    }

    /** {@return the {@code -Xmx} value as given, e.g. {@code 256m}; empty for the JVM's default} */
    public Optional<String> maxHeap() {
        return Optional.ofNullable(maxHeap);
    }

    /** {@return the extra JVM arguments in the order given; unmodifiable, possibly empty} */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /** {@return the classpath entries added after the supervisor's own, in order; unmodifiable, possibly empty} */
    public List<Path> classpath() {
        return classpath;
    }

    /** {@return how long a {@code run} computation may take before its isolate is killed; empty for no limit} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** {@return the environment variables added to the isolate's, by name; unmodifiable, possibly empty} */
    public Map<String, String> environment() {
        return environment;
    }

    /** {@return true if a spawned isolate's entry point waits for {@link Isolate#resume()} (default false)} */
    public boolean paused() {
        return paused;
    }

    /**
     * {@return whether an uncaught error ends a spawned isolate (true by default, as in Dart); if false it
     * goes on with its next message}
     */
    public boolean errorsAreFatal() {
        return errorsAreFatal;
    }

    /** {@return the port told when a spawned isolate ends, or empty} */
    public Optional<SendPort> onExitPort() {
        return Optional.ofNullable(onExitPort);
    }

    /** {@return what is sent to {@link #onExitPort()}; null when none was given} */
    public Object onExitResponse() {
        return onExitResponse;
    }

    /** {@return the port told of a spawned isolate's uncaught errors, or empty} */
    public Optional<SendPort> onErrorPort() {
        return Optional.ofNullable(onErrorPort);
    }

    /**
     * {@return true if the isolate runs code that is not trusted (a plugin) and what it sends is decoded
     * with an allow-list (default false); see {@link Builder#untrusted(boolean)}}
     */
    public boolean untrusted() {
        return untrusted;
    }

    /**
     * The most bytes one message from the isolate may take in this JVM (results, failures, port
     * messages); a larger one is refused unread. Set with {@link Builder#maxMessageSize}; by default
     * {@link #UNTRUSTED_MAX_MESSAGE_SIZE} for an untrusted isolate and no limit
     * ({@link Long#MAX_VALUE}) for others.
     *
     * @return the limit in encoded bytes, at least 1
     */
    public long maxMessageSize() {
        if (maxMessageSize != null) {
            return maxMessageSize;
        }
        return untrusted ? UNTRUSTED_MAX_MESSAGE_SIZE : Long.MAX_VALUE;
    }

    /**
     * {@return the sandbox asked for; empty for the default: {@link Sandbox#strict()} for an untrusted
     * isolate when bubblewrap is on the PATH, else none}
     */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    /** {@return what gives each isolate the stream its standard output goes to; empty for this JVM's {@code System.out}} */
    public Optional<Supplier<OutputStream>> stdout() {
        return Optional.ofNullable(stdout);
    }

    /** {@return what gives each isolate the stream its standard error goes to; empty for this JVM's {@code System.err}} */
    public Optional<Supplier<OutputStream>> stderr() {
        return Optional.ofNullable(stderr);
    }

    /** {@return the isolate's working folder outside a sandbox; empty for this JVM's} */
    public Optional<Path> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /**
     * Whether the isolate runs in-process, for debugging: as a thread of this JVM rather than a JVM
     * of its own (see {@link Builder#inProcess(boolean)}). Set with {@link Builder#inProcess}; by
     * default true when this JVM was started with {@code -D}{@value #IN_PROCESS_PROPERTY}{@code =true}
     * and the isolate is not {@link #untrusted()}, else false: untrusted code never runs in-process.
     *
     * @return true if the isolate runs as a thread of this JVM
     */
    public boolean inProcess() {
        if (inProcess != null) {
            return inProcess;
        }
        return !untrusted && inProcessByDefault();
    }

    /**
     * {@return true when this JVM was started with {@code -D}{@value #IN_PROCESS_PROPERTY}{@code =true},
     * which makes trusted isolates run in-process unless their options say otherwise}
     */
    public static boolean inProcessByDefault() {
        return Boolean.getBoolean(IN_PROCESS_PROPERTY);
    }

    /**
     * A builder holding these options.
     *
     * @return a new builder; changing it leaves these options as they are
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.debugName = debugName;
        b.maxHeap = maxHeap;
        b.jvmArgs.addAll(jvmArgs);
        b.classpath.addAll(classpath);
        b.timeout = timeout;
        b.environment.putAll(environment);
        b.paused = paused;
        b.errorsAreFatal = errorsAreFatal;
        b.onExitPort = onExitPort;
        b.onExitResponse = onExitResponse;
        b.onErrorPort = onErrorPort;
        b.untrusted = untrusted;
        b.maxMessageSize = maxMessageSize;
        b.sandbox = sandbox;
        b.stdout = stdout;
        b.stderr = stderr;
        b.workingDirectory = workingDirectory;
        b.inProcess = inProcess;
        return b;
    }

    @Override
    public String toString() {
        return "IsolateOptions[debugName=" + debugName + ", maxHeap=" + maxHeap + ", jvmArgs=" + jvmArgs
                + ", classpath=" + classpath + ", timeout=" + timeout + ", environment=" + environment.keySet()
                + ", inProcess=" + inProcess() + "]";
    }

    /** Builds {@link IsolateOptions}; checks each value as it is set. Not thread-safe. */
    public static final class Builder {
        private String debugName;
        private String maxHeap;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<Path> classpath = new ArrayList<>();
        private Duration timeout;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean paused;
        private boolean errorsAreFatal = true;
        private SendPort onExitPort;
        private Object onExitResponse;
        private SendPort onErrorPort;
        private boolean untrusted;
        private Long maxMessageSize;
        private Sandbox sandbox;
        private Supplier<OutputStream> stdout;
        private Supplier<OutputStream> stderr;
        private Path workingDirectory;
        private Boolean inProcess;

        private Builder() {
        }

        /**
         * Names the isolate in errors, logs and the process list.
         *
         * @param name 1 to 100 printable characters, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is blank, too long or holds a control character
         */
        public Builder debugName(String name) {
            Objects.requireNonNull(name, "debugName");
            if (name.isBlank() || name.length() > 100 || !name.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
                throw new IllegalArgumentException("debugName must be 1 to 100 printable characters, was \"" + name + "\"");
            }
            this.debugName = name;
            return this;
        }

        /**
         * The isolate's maximum heap, as for {@code -Xmx}: {@code "256m"}, {@code "2g"}.
         *
         * @param size a positive whole number, in bytes or with a suffix {@code k}, {@code m}, {@code g} or
         *             {@code t} (either case)
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is not such a size
         */
        public Builder maxHeap(String size) {
            Objects.requireNonNull(size, "maxHeap");
            WorkerCommandLine.checkHeap(size);
            this.maxHeap = size;
            return this;
        }

        /**
         * Extra JVM arguments, such as {@code "-Xss4m"}; added after the library's own, so they win.
         *
         * @param args the arguments, one per element, none null; added to those given before
         * @return this builder
         */
        public Builder jvmArgs(String... args) {
            for (String a : args) {
                Objects.requireNonNull(a, "jvmArgs element");
            }
            this.jvmArgs.addAll(Arrays.asList(args));
            return this;
        }

        /**
         * Classpath entries (jars or folders) for the isolate, after the supervisor's own classpath.
         *
         * @param entries the entries, none null, relative ones taken from this JVM's working folder;
         *                added to those given before
         * @return this builder
         */
        public Builder classpath(Path... entries) {
            for (Path p : entries) {
                Objects.requireNonNull(p, "classpath element");
            }
            this.classpath.addAll(Arrays.asList(entries));
            return this;
        }

        /**
         * Kills the isolate and fails the call with {@link IsolateTimeoutException} after this long.
         *
         * @param timeout the most time the computation may take; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Environment variables for the isolate, added to the supervisor's.
         *
         * @param variables values by name, none null; a name given again takes the new value
         * @return this builder
         */
        public Builder environment(Map<String, String> variables) {
            variables.forEach((k, v) -> {
                Objects.requireNonNull(k, "environment name");
                Objects.requireNonNull(v, "environment value of " + k);
            });
            this.environment.putAll(variables);
            return this;
        }

        /**
         * Starts a spawned isolate paused: its entry point runs after {@link Isolate#resume()}.
         *
         * @param paused true to start it paused (default false)
         * @return this builder
         */
        public Builder paused(boolean paused) {
            this.paused = paused;
            return this;
        }

        /**
         * Whether an uncaught error ends a spawned isolate; true by default, as in Dart.
         *
         * @param fatal false to let the isolate go on with its next message after an uncaught error
         * @return this builder
         */
        public Builder errorsAreFatal(boolean fatal) {
            this.errorsAreFatal = fatal;
            return this;
        }

        /**
         * Sends {@code response} to {@code port} when the spawned isolate ends, however it ends.
         *
         * @param port     where the notice goes, in any isolate; not null
         * @param response the message sent; may be null
         * @return this builder
         */
        public Builder onExit(SendPort port, Object response) {
            this.onExitPort = Objects.requireNonNull(port, "onExit port");
            this.onExitResponse = response;
            return this;
        }

        /**
         * Sends an {@link IsolateError} to {@code port} for each error the spawned isolate does not catch.
         *
         * @param port where the errors go, in any isolate; not null
         * @return this builder
         */
        public Builder onError(SendPort port) {
            this.onErrorPort = Objects.requireNonNull(port, "onError port");
            return this;
        }

        /**
         * Marks the isolate as running untrusted code (a plugin): what it sends is decoded with an
         * allow-list (JDK values, collections, arrays, the protocol's own types), its exceptions come
         * back as {@link RemoteException}s, and no class it names is ever loaded in this JVM.
         *
         * @param untrusted true for code that is not trusted (default false); it also lowers the default
         *                  {@link IsolateOptions#maxMessageSize() message size limit}
         * @return this builder
         */
        public Builder untrusted(boolean untrusted) {
            this.untrusted = untrusted;
            return this;
        }

        /**
         * Refuses messages from the isolate larger than {@code bytes} (encoded), so that one message
         * cannot take this JVM's heap: the call or message it carried fails with an
         * {@link IsolateException} saying so. See {@link IsolateOptions#maxMessageSize()} for the default.
         *
         * @param bytes the limit in encoded bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is less than 1
         */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1 byte, was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Runs the isolate's JVM in {@code sandbox}, or outside any with {@link Sandbox#none()}. By default an
         * untrusted isolate gets {@link Sandbox#strict()} when bubblewrap ({@code bwrap}) is on the PATH and
         * can create namespaces, and otherwise runs without one (said once, in a warning, with what to
         * install); a trusted isolate runs without one. A sandbox given here is never dropped: when bubblewrap
         * is missing the isolate fails to start with an {@link IsolateStartException} saying what to install.
         *
         * @param sandbox the sandbox, or {@link Sandbox#none()}
         * @return this builder
         */
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /**
         * Sends what each isolate started with these options writes to its standard output and
         * error to streams of its own, asked of {@code stdout} and {@code stderr} as it starts,
         * instead of this JVM's {@code System.out} and {@code System.err}: a server running commands
         * for several clients gives each command's isolates that client's streams. Stdout passes
         * byte for byte, stderr a line at a time, from the isolate's reader threads, so the streams
         * must be safe to use from another thread. Both are closed once the isolate's JVM has exited
         * and all it wrote was passed on (or at once if it did not start): a caller that must see
         * all of it waits for that. Honoured by {@code Isolates.run} and {@code IsolatePool};
         * {@code Isolates.spawn} and options sent to another isolate leave them out. What a JVM
         * prints as it dies still goes to its crash report only.
         *
         * @param stdout gives the stream each isolate's standard output goes to
         * @param stderr gives the stream each isolate's standard error goes to
         * @return this builder
         */
        public Builder output(Supplier<OutputStream> stdout, Supplier<OutputStream> stderr) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            return this;
        }

        /**
         * The isolate's working folder, where relative paths in its code lead, instead of this
         * JVM's: a server running commands for several clients gives each command's isolates that
         * client's folder. A sandboxed isolate works in its private {@code /tmp} whatever is set.
         * Honoured as {@link #output} is.
         *
         * @param folder an absolute path
         * @return this builder
         * @throws IllegalArgumentException if {@code folder} is relative
         */
        public Builder workingDirectory(Path folder) {
            if (!folder.isAbsolute()) {
                throw new IllegalArgumentException("workingDirectory must be an absolute path, was " + folder);
            }
            this.workingDirectory = folder;
            return this;
        }

        /**
         * Runs the isolate in-process, for debugging: its event loop is a thread of this JVM, so a
         * breakpoint in task code stops there. The rest stays as it is: the isolate has its own
         * session folder, Chronicle queues and Kryo codec, so every message, computation and result
         * is copied through the same codec, unsendable objects fail the same way, and ports,
         * listeners, pause, ping, {@code kill(BEFORE_NEXT_EVENT)}, exit listeners and exceptions
         * behave as they do out of process. {@link IsolatePool}s run their isolates in-process too.
         *
         * <p>What it cannot give, because there is no process of its own: no heap or crash
         * isolation (an {@code OutOfMemoryError} or a crash takes this JVM with it); {@code System.exit}
         * in task code exits this JVM; {@link #maxHeap}, {@link #jvmArgs}, {@link #classpath},
         * {@link #environment}, {@link #workingDirectory}, {@link #sandbox} and {@link #output} are
         * ignored (the isolate shares this JVM's heap, classpath, environment, folder and
         * {@code System.out}); a kill cannot stop code that is running: {@link KillPriority#IMMEDIATE}
         * interrupts the isolate's thread and ends it before its next event, and a task that does not
         * return within a second is abandoned (the isolate is reported killed; its daemon thread runs
         * on until the task returns); after {@link Isolates#exit} the thread unwinds through the
         * task's {@code finally} blocks, and what they send is dropped; static fields are the caller's. The
         * isolate's {@link Isolate#pid()} is this JVM's. Threads the task starts belong to its isolate.
         *
         * <p>Refused with {@link #untrusted(boolean) untrusted(true)}: a plugin always gets a JVM of
         * its own. The default is {@link IsolateOptions#inProcess()}'s.
         *
         * @param inProcess true to run the isolate as a thread of this JVM
         * @return this builder
         */
        public Builder inProcess(boolean inProcess) {
            this.inProcess = inProcess;
            return this;
        }

        /**
         * The options.
         *
         * @return new immutable options; later changes to this builder do not reach them
         * @throws IllegalStateException if both {@link #untrusted(boolean) untrusted(true)} and
         *                               {@link #inProcess(boolean) inProcess(true)} were set
         */
        public IsolateOptions build() {
            if (untrusted && Boolean.TRUE.equals(inProcess)) {
                throw new IllegalStateException("an untrusted isolate cannot run in-process: it needs a JVM of its own;"
                        + " leave out inProcess(true) or untrusted(true)");
            }
            return new IsolateOptions(this);
        }
    }
}
