package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.Sandbox;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An untrusted isolate that opens a trusted isolate's channel (its folder found through
 * {@code /proc}) cannot answer the trusted isolate's calls nor give it work: what it appends is not
 * tagged under the channel's key, and both ends refuse it unread.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class ForgedChannelMessagesAreRefusedTest {
    /** Not sandboxed: in a sandbox it would find no other isolate's files to open. */
    private static final IsolateOptions PLUGIN = IsolateOptions.builder().untrusted(true).sandbox(Sandbox.none())
            .timeout(Duration.ofSeconds(60)).build();

    private static IsolatePool trustedPool() {
        return IsolatePool.builder().size(1).prestart(true).build();
    }

    /** Waits until {@code go} exists (at most a minute), then answers {@code "real"}. */
    private static String realAnswerOnceTold(Path go) throws Exception {
        for (int i = 0; i < 600 && !Files.exists(go); i++) {
            Thread.sleep(100);
        }
        return "real";
    }

    @Test
    void aForgedResultDoesNotCompleteTheTrustedCall(@TempDir Path dir) throws Exception {
        Path go = dir.resolve("go");
        Path started = dir.resolve("started");
        String goPath = go.toString();
        String startedPath = started.toString();
        try (IsolatePool pool = trustedPool()) {
            CompletableFuture<String> trusted = pool.submit(() -> {
                Files.writeString(Path.of(startedPath), Long.toString(ProcessHandle.current().pid()));
                return realAnswerOnceTold(Path.of(goPath));
            });
            long trustedPid = awaitPid(started);

            List<Long> forged = Isolates.run(new ChannelForger.ForgeResults(trustedPid, "forged"), PLUGIN)
                    .get(90, SECONDS);
            assertTrue(forged.size() > ChannelForger.SPRAYED_CORRELATIONS, "the forger sent " + forged);
            Files.writeString(go, "go");

            assertEquals("real", trusted.get(90, SECONDS));
            assertEquals(42, pool.submit(() -> 42).get(90, SECONDS), "the trusted isolate serves on");
            assertFalse(pool.isFailed());
        }
        assertEquals("unharmed", Isolates.run(() -> "unharmed").get(90, SECONDS));
    }

    @Test
    void aForgedTaskNeverRunsInTheTrustedIsolate(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("forged-task-ran");
        try (IsolatePool pool = trustedPool()) {
            long trustedPid = pool.submit(() -> ProcessHandle.current().pid()).get(90, SECONDS);

            assertEquals(1, Isolates.run(new ChannelForger.ForgeTask(trustedPid, marker), PLUGIN).get(90, SECONDS));

            // The worker reads its queue in order: it reaches this task only after the forged one.
            assertEquals(trustedPid, pool.submit(() -> ProcessHandle.current().pid()).get(90, SECONDS));
            assertFalse(Files.exists(marker), "the forged task ran in the trusted isolate");
            assertFalse(pool.isFailed());
        }
        assertEquals("unharmed", Isolates.run(() -> "unharmed").get(90, SECONDS));
    }

    private static long awaitPid(Path started) throws Exception {
        for (int i = 0; i < 900; i++) {
            if (Files.exists(started)) {
                String text = Files.readString(started);
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the trusted task did not start within 90 s");
    }
}
