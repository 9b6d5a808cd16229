package dev.isolates.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A member running as its own JVM on 127.0.0.1, started with {@code ClusterMember}'s main, as a user would. */
final class MemberProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String name;

    private MemberProcess(Process process, int port, String name) {
        this.process = process;
        this.port = port;
        this.name = name;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a member and waits (bounded) for its "joined" line. */
    static MemberProcess start(int port, List<Integer> join, int workers, String classpath) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc")
                    || arg.startsWith("-Dchronicle")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dhazelcast.phone.home.enabled=false",
                "-Disolates.run.spares=0",
                "-Dorg.slf4j.simpleLogger.log.com.hazelcast=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", classpath, ClusterMember.class.getName(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", Integer.toString(workers),
                "--max-heap", "96m",
                "--join", join.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","))));
        Path log = Files.createDirectories(Path.of("target", "member-logs")).resolve("member-" + port + ".err");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> joined = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("isolates member ")) {
                        joined.complete(line);
                    }
                }
                joined.completeExceptionally(new IllegalStateException("member on port " + port
                        + " ended before joining; see " + log.toAbsolutePath()));
            } catch (IOException e) {
                joined.completeExceptionally(e);
            }
        }, "member-" + port + "-stdout");
        reader.setDaemon(true);
        reader.start();
        MemberProcess member = new MemberProcess(process, port, null);
        try {
            String line = joined.get(90, TimeUnit.SECONDS);
            return new MemberProcess(process, port, line.split(" ")[2]);
        } catch (Exception e) {
            member.close();
            throw e;
        }
    }

    static String testClasspath() {
        return System.getProperty("java.class.path");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The member as it names itself, {@code uuid@127.0.0.1:port}. */
    String name() {
        return name;
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the member stops as its shutdown hook says. */
    void terminate() {
        process.destroy();
    }

    boolean waitForExit() throws InterruptedException {
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    /** Ends the member and every process it started, whatever state it is in. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
