package dev.isolates.cli.daemon;

import dev.isolates.Isolates;
import dev.isolates.cli.DurationConverter;
import dev.isolates.cli.IsolateCtl;
import dev.isolates.supervisor.RunCall;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: a background supervisor that runs {@code isolatectl} commands for the clients of
 * one user, build and JDK, on a Unix domain socket in a 0700 folder, each command on a thread of
 * its own. Its json pools stay warm between commands; plugins get fresh isolates per command, as
 * in-process. It ends after {@value #IDLE_VARIABLE} (default 10 minutes) with no command, or on
 * {@code isolatectl daemon stop}.
 *
 * <p>Started by {@link DaemonClient}; the methods the connections call are thread-safe.
 */
public final class Daemon {
    /** The class the client starts. */
    static final String MAIN_CLASS = "dev.isolates.cli.daemon.Daemon";
    static final String FOLDER_PROPERTY = "isolatectl.daemon.dir";
    static final String LOG_PROPERTY = "isolatectl.daemon.log";
    /** The size of the json pool to start at once: the one of the command that started the daemon, if it parsed JSON. */
    static final String JSON_ISOLATES_PROPERTY = "isolatectl.daemon.json.isolates";
    static final String LOGBACK_CONFIG = "dev/isolates/cli/daemon/logback-daemon.xml";
    /** How long the daemon waits without a command before it ends, as the CLI writes durations. */
    static final String IDLE_VARIABLE = "ISOLATECTL_DAEMON_IDLE";
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final DaemonDirectory directory;
    /**
     * How many rounds of typical command lines the daemon parses once it is up, so that its commands' first
     * step runs compiled: about 2.5 ms a command line after 8 rounds of 4, against about 50 ms for the
     * first and 10 ms for the next few, for about 1 s of CPU (its JIT's included), once.
     */
    private static final int PARSER_WARM_UPS = 8;
    /** The warm-up waits this long: the command that started the daemon is often still starting isolates. */
    private static final long PARSER_WARM_UP_DELAY_MILLIS = 2_000;
    /** One round of the warm-up runs at most this often, and only while no command runs. */
    private static final long PARSER_WARM_UP_PERIOD_MILLIS = 100;
    private final AtomicInteger parserWarmUps = new AtomicInteger();
    /** The warm-up's repeating task; set before its first round runs. */
    private volatile ScheduledFuture<?> parserWarmUp;
    private final ServerSocketChannel server;
    private final Duration idleLimit;
    private final long startedNanos = System.nanoTime();
    private final WarmJsonPools jsonPools = new WarmJsonPools();
    private final Set<ClientConnection> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong idleSince = new AtomicLong(System.nanoTime());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();

    private Daemon(DaemonDirectory directory, ServerSocketChannel server, Duration idleLimit) {
        this.directory = directory;
        this.server = server;
        this.idleLimit = idleLimit;
    }

    /** Serves until idle or stopped; exits 0 also when another daemon already serves this folder and key. */
    public static void main(String[] args) throws IOException {
        Isolates.disableNativePosix(); // as isolatectl in-process does
        DaemonDirectory directory = new DaemonDirectory(Path.of(System.getProperty(FOLDER_PROPERTY)),
                BuildKey.of(System.getProperty("java.class.path"), System.getenv()));
        directory.create();
        Duration idle = idleLimit(System.getenv(IDLE_VARIABLE));
        FileChannel lockFile = FileChannel.open(directory.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            LOG.info("another daemon serves {}; this one ends", directory.socket());
            System.exit(0);
        }
        if (Files.deleteIfExists(directory.socket())) {
            LOG.info("removed {}, left by a daemon that is gone", directory.socket());
        }
        // before the socket exists: a daemon told to end (SIGTERM) as it starts leaves no socket behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeFiles(directory), "isolatectl-daemon-files"));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(directory.socket()));
        Daemon daemon = new Daemon(directory, server, idle);
        LOG.info("daemon {} serves {} (build {}, Java {} in {}), ends after {} idle", ProcessHandle.current().pid(),
                directory.socket(), directory.key(), Runtime.version(), System.getProperty("java.home"),
                describe(idle));
        daemon.serve();
        daemon.jsonPools.close();
        LOG.info("daemon {} ended", ProcessHandle.current().pid());
        System.exit(0); // the hook removes the socket and lock files, as on SIGTERM
    }

    /** Removes the socket and lock files: no client finds a socket no daemon serves. */
    private static void removeFiles(DaemonDirectory directory) {
        try {
            Files.deleteIfExists(directory.socket());
            Files.deleteIfExists(directory.lock());
        } catch (IOException e) {
            LOG.warn("could not remove the daemon's files in {}: {}", directory.folder(), e.toString());
        }
    }

    /** {@code value} as the CLI reads durations, or the default when unset or unreadable (said in the log). */
    static Duration idleLimit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE;
        }
        try {
            return new DurationConverter().convert(value);
        } catch (RuntimeException e) {
            LOG.warn("{}={} is not a duration (write it as 30s, 10m or 1h): the default, {}, applies", IDLE_VARIABLE,
                    value, describe(DEFAULT_IDLE));
            return DEFAULT_IDLE;
        }
    }

    private void serve() throws IOException {
        ScheduledExecutorService idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "isolatectl-daemon-idle");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, idleLimit.toMillis() / 4));
        idleCheck.scheduleWithFixedDelay(this::stopIfIdle, period, period, TimeUnit.MILLISECONDS);
        parserWarmUp = idleCheck.scheduleWithFixedDelay(this::warmParser, PARSER_WARM_UP_DELAY_MILLIS,
                PARSER_WARM_UP_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        int jsonIsolates = Integer.getInteger(JSON_ISOLATES_PROPERTY, 0);
        if (jsonIsolates > 0) {
            idleCheck.execute(() -> startJsonIsolates(jsonIsolates));
        }
        try {
            while (true) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (ClosedChannelException e) {
                    return; // stopped
                }
                Thread t = new Thread(new ClientConnection(this, client), "isolatectl-client-" + connections.incrementAndGet());
                t.setDaemon(true);
                t.start();
            }
        } finally {
            idleCheck.shutdownNow();
            for (ClientConnection c : running) {
                c.cancel();
            }
        }
    }

    /** One round of the parser's warm-up, unless a command runs (it would slow that command down); ends once all are done. */
    private void warmParser() {
        if (active.get() > 0) {
            return;
        }
        try {
            IsolateCtl.warmUp(1);
        } catch (RuntimeException e) {
            LOG.warn("warming up the command parser failed; commands still run, their first steps slower", e);
            parserWarmUps.set(PARSER_WARM_UPS);
        }
        if (parserWarmUps.incrementAndGet() >= PARSER_WARM_UPS) {
            parserWarmUp.cancel(false);
        }
    }

    /**
     * Starts a json pool of {@code size} isolates and keeps it for the next json command, which
     * would otherwise wait for them: the command that started the daemon used as many.
     */
    private void startJsonIsolates(int size) {
        try {
            jsonPools.start(size);
        } catch (RuntimeException e) {
            LOG.warn("could not start {} json isolates ahead of the next json command, which starts its own: {}", size,
                    e.toString());
        }
    }

    private void stopIfIdle() {
        if (active.get() == 0 && System.nanoTime() - idleSince.get() > idleLimit.toNanos()) {
            stop("no command for " + describe(idleLimit));
        }
    }

    /** Stops accepting clients; the running commands are cancelled and the daemon ends. Thread-safe. */
    void stop(String why) {
        if (stopping.compareAndSet(false, true)) {
            LOG.info("daemon {} stops: {}", ProcessHandle.current().pid(), why);
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("could not close {}: {}", directory.socket(), e.toString());
            }
        }
    }

    /** A command starts running for {@code connection}. */
    void started(ClientConnection connection) {
        active.incrementAndGet();
        running.add(connection);
    }

    /** The command of {@code connection} ended. */
    void ended(ClientConnection connection) {
        running.remove(connection);
        served.incrementAndGet();
        idleSince.set(System.nanoTime());
        active.decrementAndGet();
    }

    WarmJsonPools jsonPools() {
        return jsonPools;
    }

    /** What {@code isolatectl daemon status} prints. */
    String status() {
        long pid = ProcessHandle.current().pid();
        return "pid: " + pid + "\n"
                + "uptime: " + describe(Duration.ofNanos(System.nanoTime() - startedNanos)) + "\n"
                + "build: " + directory.key() + " (" + BuildKey.classpathEntries() + " classpath entries)\n"
                + "jdk: Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")\n"
                + "isolates: " + jsonPools.isolates() + " warm json isolates, " + RunCall.prestartedReady()
                + " prestarted plugin isolates\n"
                + "commands: " + served.get() + " served, " + active.get() + " running\n"
                + "idle limit: " + describe(idleLimit) + "\n"
                + "socket: " + directory.socket() + "\n"
                + "log: " + directory.log() + "\n";
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() < 10_000 && d.toMillis() % 1000 != 0
                    ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }
}
