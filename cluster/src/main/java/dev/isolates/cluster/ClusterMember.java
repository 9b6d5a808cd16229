package dev.isolates.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.runtime.SupervisorCodec;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervisor JVM's membership of a cluster: a Hazelcast member that runs tasks from
 * {@link ClusterPool}s in a local {@link IsolatePool} of its own isolates, with that pool's supervision.
 * It claims a task only while one of its isolates is free, so a busy member never holds work another
 * could run.
 *
 * <pre>{@code
 * try (ClusterMember member = ClusterMember.start(ClusterMemberOptions.builder()
 *         .port(5701).join(List.of("10.0.0.2:5701")).workers(4).build())) {
 *     member.awaitClose();
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class ClusterMember implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    private final ClusterMemberOptions options;
    private final HazelcastInstance hazelcast;
    private final IsolatePool pool;
    private final MemberTasks tasks;
    private final String uuid;
    private final String name;
    private final ScheduledExecutorService statsPublisher;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private ClusterMember(ClusterMemberOptions options, HazelcastInstance hazelcast, IsolatePool pool,
                          KryoCodec codec) {
        this.options = options;
        this.hazelcast = hazelcast;
        this.pool = pool;
        Member local = hazelcast.getCluster().getLocalMember();
        this.uuid = local.getUuid().toString();
        this.name = uuid + "@" + options.host() + ":" + options.port();
        this.tasks = new MemberTasks(hazelcast, pool, codec, options.workers(), uuid, name);
        this.statsPublisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "isolates-member-stats");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the member's isolates, joins the cluster and starts claiming tasks.
     *
     * @param options where to bind, whom to join, how many isolates
     * @return the running member; close it to leave
     */
    public static ClusterMember start(ClusterMemberOptions options) {
        ClassLoader taskLoader = taskLoader(options.classpath());
        KryoCodec codec = codecFor(taskLoader);
        IsolateOptions isolateOptions = options.classpath().isEmpty() ? options.isolateOptions()
                : options.isolateOptions().toBuilder().classpath(options.classpath().toArray(Path[]::new)).build();
        IsolatePool.Builder poolBuilder = IsolatePool.builder().size(options.workers()).options(isolateOptions)
                .prestart(true);
        if (options.taskTimeout() != null) {
            poolBuilder.taskTimeout(options.taskTimeout());
        }
        IsolatePool pool = poolBuilder.build();
        HazelcastInstance hazelcast;
        try {
            com.hazelcast.config.Config config = HazelcastSettings.member(options);
            config.setClassLoader(taskLoader);
            hazelcast = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        awaitBackups(hazelcast);
        ClusterMember member = new ClusterMember(options, hazelcast, pool, codec);
        member.tasks.start();
        member.statsPublisher.scheduleWithFixedDelay(member::publishStats, 0, 1, TimeUnit.SECONDS);
        LOG.info("member {} joined cluster {} ({} members)", member.name, options.clusterName(),
                hazelcast.getCluster().getMembers().size());
        return member;
    }

    /**
     * Waits (up to 30 s) until the partitions this member owns have their backups: a member killed
     * before then would take the only copy of the queue's and the held map's entries with it.
     */
    private static void awaitBackups(HazelcastInstance hazelcast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!hazelcast.getPartitionService().isLocalMemberSafe() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ClassLoader taskLoader(List<Path> classpath) {
        ClassLoader parent = ClusterMember.class.getClassLoader();
        if (classpath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("classpath entry " + p + " is not a valid location", e);
            }
        }
        return new URLClassLoader("isolates-member-tasks", urls.toArray(URL[]::new), parent);
    }

    /** The supervisor's codec, loading task classes through {@code loader}. */
    private static KryoCodec codecFor(ClassLoader loader) {
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(loader); // SupervisorCodec loads classes through the context loader
        try {
            return SupervisorCodec.create();
        } finally {
            current.setContextClassLoader(before);
        }
    }

    private void publishStats() {
        try {
            IMap<String, MemberStats> map = hazelcast.getMap(ClusterNames.MEMBER_STATS);
            map.set(uuid, tasks.stats(), 10, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            if (hazelcast.getLifecycleService().isRunning()) {
                LOG.debug("member {} could not publish its stats: {}", name, e.toString());
            }
        }
    }

    /** The member's Hazelcast uuid. */
    public String uuid() {
        return uuid;
    }

    /** The member as errors and stats name it: {@code uuid@host:port}. */
    public String name() {
        return name;
    }

    /** The address other members and pools reach it at, {@code host:port}. */
    public String address() {
        return options.host() + ":" + options.port();
    }

    /** How many members the cluster has now, this one included, as this member sees it. */
    public int clusterSize() {
        return hazelcast.getCluster().getMembers().size();
    }

    /** What this member has done so far. */
    public MemberStats stats() {
        return tasks.stats();
    }

    /** Blocks until {@link #close()} has finished, from any thread. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops claiming tasks, waits up to the drain timeout for the tasks it holds (handing back the
     * rest to the cluster's queue), ends its isolates and leaves the cluster. Waits for all of it;
     * a second call returns at once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            tasks.close(options.drainTimeout());
            statsPublisher.shutdownNow();
            try {
                hazelcast.getMap(ClusterNames.MEMBER_STATS).delete(uuid);
            } catch (RuntimeException e) {
                LOG.debug("member {} could not remove its stats: {}", name, e.toString());
            }
            pool.close();
            hazelcast.shutdown();
            LOG.info("member {} left cluster {}", name, options.clusterName());
        } finally {
            closed.countDown();
        }
    }

    /**
     * Runs a member as its own process until SIGTERM:
     * {@code --port P [--host H] [--join HOST:PORT,...] [--workers N] [--classpath P] [--max-heap S] [--cluster NAME]}.
     * Prints one line when it has joined. On SIGTERM it stops claiming, hands back what it holds
     * (its isolates are being stopped too) and leaves.
     */
    public static void main(String[] args) throws InterruptedException {
        ClusterMemberOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("isolates member: " + e.getMessage());
            System.exit(2);
            return;
        }
        ClusterMember member = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            member.tasks.handBackAll(); // the library's own hook is ending the isolates right now
            member.close();
        }, "isolates-member-stop"));
        System.out.println("isolates member " + member.name() + " joined cluster " + options.clusterName()
                + " (" + member.clusterSize() + " members)");
        System.out.flush();
        member.awaitClose();
    }

    static ClusterMemberOptions parse(String[] args) {
        ClusterMemberOptions.Builder b = ClusterMemberOptions.builder();
        IsolateOptions.Builder isolate = IsolateOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> b.port(Integer.parseInt(value));
                case "--host" -> b.host(value);
                case "--join" -> b.join(value.isBlank() ? List.of() : Arrays.asList(value.split(",")));
                case "--workers" -> b.workers(Integer.parseInt(value));
                case "--cluster" -> b.clusterName(value);
                case "--max-heap" -> isolate.maxHeap(value);
                case "--classpath" -> b.classpath(Arrays.stream(value.split(File.pathSeparator))
                        .filter(s -> !s.isEmpty()).map(Path::of).toList());
                default -> throw new IllegalArgumentException("unknown option " + flag
                        + "; options: --port P --host H --join HOST:PORT,... --workers N --classpath P --max-heap S --cluster NAME");
            }
        }
        return b.isolateOptions(isolate.build()).build();
    }
}
