package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.cluster.ClusterPool;
import dev.isolates.it.Isolatectl.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isolatectl member} and {@code isolatectl json --cluster}, each member its own JVM started by
 * the script on 127.0.0.1: a member joins, serves a {@link ClusterPool}, and leaves on SIGTERM with
 * exit code 0; a batch parsed on the members prints what the local command prints, even when a
 * member is killed in the middle of it.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlClusterTest {
    /** The test classes, where the members load {@link Square} from. */
    private static final String TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath().toString();
    private static final long JOIN_SECONDS = 90;

    /** A task from the test classes: the members find it through --classpath. */
    record Square(int n) implements IsolateCallable<Integer> {
        @Override
        public Integer call() {
            return n * n;
        }
    }

    @Test
    void shouldJoinServeAPoolParseABatchAsTheLocalCommandDoesAndLeaveOnSigterm(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("batch");
        for (int i = 0; i < 20; i++) {
            JsonTestFiles.write(batch.resolve("orders/" + i + ".json"), JsonTestFiles.orders("o-" + i, 20 + i));
        }
        JsonTestFiles.write(batch.resolve("broken/syntax.json"), "{\n  \"a\": [1, 2,, 3]\n}\n");
        JsonTestFiles.write(batch.resolve("broken/empty.json"), "");
        JsonTestFiles.write(batch.resolve("broken/deep.json"), "[".repeat(5000) + "]".repeat(5000));
        int firstPort = IsolatectlMember.freePort();
        int secondPort = IsolatectlMember.freePort();
        CompletableFuture<IsolatectlMember> startingFirst = IsolatectlMember.start(dir, firstPort, "--workers", "1",
                "--classpath", TEST_CLASSES, "--join", "127.0.0.1:" + secondPort);
        CompletableFuture<IsolatectlMember> startingSecond = IsolatectlMember.start(dir, secondPort, "--workers", "1",
                "--classpath", TEST_CLASSES, "--join", "127.0.0.1:" + firstPort);
        List<String> select = List.of("--select", "/order", "--select", "/items/3/id");
        Result local = Isolatectl.run(dir, "json", "--workers", "2", batch.toString());
        Result localSelect = Isolatectl.run(dir, with(select, "json", "--workers", "2", batch.toString()));
        try (IsolatectlMember first = startingFirst.get(JOIN_SECONDS, SECONDS);
             IsolatectlMember second = startingSecond.get(JOIN_SECONDS, SECONDS)) {
            assertJoined(first, firstPort);
            assertJoined(second, secondPort);
            try (ClusterPool pool = ClusterPool.builder().members(first.address(), second.address())
                    .lostClusterTimeout(Duration.ofSeconds(30)).build()) {
                List<CompletableFuture<Integer>> squares = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    squares.add(pool.submit(new Square(i)));
                }
                for (int i = 0; i < 20; i++) {
                    assertEquals(i * i, squares.get(i).get(60, SECONDS), "task " + i);
                }
            }
            String cluster = first.address() + "," + second.address();
            assertSameAsLocal(local, Isolatectl.run(dir, "json", "--cluster", cluster, batch.toString()), 23);
            assertSameAsLocal(localSelect, Isolatectl.run(dir, with(select, "json", "--cluster", cluster, batch.toString())), 23);
            assertEquals(0, second.terminate(), "exit code after SIGTERM; stderr:\n" + second.stderr());
            assertEquals(0, first.terminate(), "exit code after SIGTERM; stderr:\n" + first.stderr());
        } finally {
            IsolatectlMember.endAll(startingFirst, startingSecond);
            awaitNothingWritesTo(dir);
        }
    }

    /** The joined line: the member's uuid and address, and the cluster's size as it saw it (1 or 2). */
    private static void assertJoined(IsolatectlMember member, int port) {
        assertTrue(member.joinedLine().matches("isolatectl member [0-9a-f-]+@127\\.0\\.0\\.1:" + port
                + " joined cluster isolates \\((1 member|2 members)\\)"), member.joinedLine());
    }

    /** {@code args}, then {@code options}, then {@code path}: the options before the path. */
    private static String[] with(List<String> options, String command, String workersOrCluster, String value, String path) {
        List<String> args = new ArrayList<>(List.of(command, workersOrCluster, value));
        args.addAll(options);
        args.add(path);
        return args.toArray(String[]::new);
    }

    @Test
    void shouldLoseNoFileWhenAMemberIsKilledMidBatch(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("batch");
        int files = 160;
        for (int i = 0; i < files; i++) {
            JsonTestFiles.write(batch.resolve(String.format("%03d.json", i)), JsonTestFiles.orders("o-" + i, 150));
        }
        JsonTestFiles.write(batch.resolve("080-broken.json"), "{\"items\": [1, 2, {\"k\": ");
        int firstPort = IsolatectlMember.freePort();
        int secondPort = IsolatectlMember.freePort();
        CompletableFuture<IsolatectlMember> startingFirst = IsolatectlMember.start(dir, firstPort, "--workers", "1",
                "--join", "127.0.0.1:" + secondPort);
        CompletableFuture<IsolatectlMember> startingSecond = IsolatectlMember.start(dir, secondPort, "--workers", "1",
                "--join", "127.0.0.1:" + firstPort);
        Result local = Isolatectl.run(dir, "json", "--workers", "2", batch.toString());
        try (IsolatectlMember first = startingFirst.get(JOIN_SECONDS, SECONDS);
             IsolatectlMember second = startingSecond.get(JOIN_SECONDS, SECONDS)) {
            Path out = dir.resolve("cluster.out");
            Path err = dir.resolve("cluster.err");
            ProcessBuilder builder = new ProcessBuilder(Isolatectl.SCRIPT.toString(), "json", "--cluster",
                    first.address() + "," + second.address(), batch.toString())
                    .directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(Isolatectl.NO_INPUT))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Isolatectl.environment(builder.environment(), dir);
            Process json = builder.start();
            try {
                long printedAtKill = awaitLines(out, 5, json);
                second.kill();
                assertTrue(json.waitFor(120, TimeUnit.SECONDS), "json --cluster finished; stderr:\n" + Files.readString(err));
                assertTrue(printedAtKill < files, "the member was killed mid-batch: " + printedAtKill + " of " + files
                        + " lines were out");
                Result cluster = new Result(json.exitValue(), Files.readString(out), Files.readString(err));
                assertSameAsLocal(local, cluster, files + 1);
            } finally {
                json.descendants().forEach(ProcessHandle::destroyForcibly);
                json.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertEquals(0, first.terminate(), "exit code after SIGTERM; stderr:\n" + first.stderr());
        } finally {
            IsolatectlMember.endAll(startingFirst, startingSecond);
            awaitNothingWritesTo(dir);
        }
    }

    /**
     * Waits until no process works in {@code dir} before JUnit deletes it: a member that ends right
     * after its first isolate leaves the JVM that makes the isolates' AOT cache there (on JDK 24 and
     * later), which runs on for a few seconds by design.
     */
    private static void awaitNothingWritesTo(Path dir) throws InterruptedException {
        List<String> left = Processes.awaitNoneMentioning(dir.toString(), Duration.ofSeconds(60));
        assertTrue(left.isEmpty(), "still working in " + dir + " 60 s after the test: " + left);
    }

    /** Waits (bounded) until {@code out} holds {@code lines} lines; returns how many it holds then. */
    private static long awaitLines(Path out, int lines, Process writer) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && writer.isAlive()) {
            long printed = Files.readString(out).lines().count();
            if (printed >= lines) {
                return printed;
            }
            Thread.sleep(10);
        }
        return Files.readString(out).lines().count();
    }

    private static void assertSameAsLocal(Result local, Result cluster, int lines) {
        assertEquals(1, local.exitCode(), "a broken file fails the batch: " + local.printed());
        assertEquals(lines, local.lines().size(), local.printed());
        assertEquals(local.exitCode(), cluster.exitCode(), cluster.printed());
        assertEquals(local.stdout(), cluster.stdout(), "the lines of json --cluster are the local command's: " + cluster.printed());
        assertNoStackTrace(cluster);
    }
}
