package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.DiskFullException;
import dev.isolates.Isolate;
import dev.isolates.IsolateCallable;
import dev.isolates.IsolateEntryPoint;
import dev.isolates.IsolateException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * A supervisor program whose sessions live on a small file system (set with
 * {@code -Disolates.session.base}), started by the full-disk regression tests. It prints one fact a
 * line on stdout. Arguments: the mode and a scratch folder on another file system. Modes:
 * <ul>
 *   <li>{@code paused-flood}: 400 sends of 512 KiB from the main isolate to a paused isolate, until
 *       one throws; prints {@code sent N}, {@code send-failed CLASS} and {@code message TEXT}, then,
 *       after resuming it, {@code received M} (what the isolate counted);</li>
 *   <li>{@code run-flood}: a computation sends 512 KiB messages to the main isolate until a send
 *       throws and lets that exception out; prints {@code task-saw CLASS MESSAGE}, then
 *       {@code outcome failed CLASS} and {@code message TEXT};</li>
 *   <li>{@code spawn-flood}: the same from a spawned isolate's entry point, which does not catch;
 *       prints {@code exit REASON} and {@code exit-code N};</li>
 *   <li>{@code large-tasks}: a pool task, then an {@code Isolates.run} computation, each capturing
 *       {@link #LARGE_TASK} bytes, more than the whole file system holds, each followed by a small
 *       one; prints {@code pool-large failed CLASS}, {@code message TEXT} and, for a
 *       {@link DiskFullException}, {@code disk-full PATH NEEDED AVAILABLE}, then {@code pool-small value 7},
 *       then the same for {@code run-large} and {@code run-small};</li>
 *   <li>{@code stream}: a spawned isolate sends {@link #STREAMED} messages of 256 KiB, each marked with its
 *       number, retrying a send that throws; prints {@code streaming}, then {@code received M corrupt C
 *       sent N send-failures F}.</li>
 * </ul>
 */
public final class FullDiskScenarios {
    static final int STREAMED = 4000;
    /** Bytes a task of {@code large-tasks} captures: more than the 64 MiB file system of the test. */
    static final int LARGE_TASK = 96 << 20;
    private static final int FLOOD_MESSAGE = 512 << 10;
    private static final int STREAM_MESSAGE = 256 << 10;

    private FullDiskScenarios() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[1]);
        switch (args[0]) {
            case "paused-flood" -> pausedFlood(scratch);
            case "run-flood" -> runFlood(scratch);
            case "spawn-flood" -> spawnFlood();
            case "large-tasks" -> largeTasks();
            case "prefetched-large-task" -> prefetchedLargeTask();
            case "stream" -> stream();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void pausedFlood(Path scratch) throws Exception {
        Path countFile = scratch.resolve("received");
        try (ReceivePort replies = new ReceivePort()) {
            Isolate sink = Isolates.spawn(new CountingSink(), new SinkStart(replies.sendPort(), countFile.toString()))
                    .get(60, SECONDS);
            SendPort inbox = (SendPort) replies.receive(Duration.ofSeconds(60));
            sink.pause();
            int sent = 0;
            IsolateException failure = null;
            for (int i = 0; i < 400 && failure == null; i++) {
                try {
                    inbox.send(new byte[FLOOD_MESSAGE]);
                    sent++;
                } catch (IsolateException e) {
                    failure = e;
                }
            }
            say("sent " + sent);
            if (failure != null) {
                say("send-failed " + failure.getClass().getName());
                say("message " + oneLine(failure.getMessage()));
            }
            sink.resume();
            say("received " + awaitStableCount(countFile, sent));
            sink.kill();
            sink.onExit().get(30, SECONDS);
        }
    }

    /** Waits until the sink counted {@code expected} messages, or its count stopped moving for 5 s. */
    private static int awaitStableCount(Path countFile, int expected) throws Exception {
        int last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            int now = Files.exists(countFile) ? Integer.parseInt(Files.readString(countFile).trim()) : 0;
            if (now == expected && now == last) {
                return now;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > SECONDS.toNanos(5)) {
                return now;
            }
            Thread.sleep(100);
        }
    }

    private static void runFlood(Path scratch) throws Exception {
        Path sawFile = scratch.resolve("task-saw");
        try (ReceivePort sink = new ReceivePort()) {
            sink.listen(message -> { });
            try {
                Isolates.run(new Flood(sink.sendPort(), sawFile.toString())).get(120, SECONDS);
                say("outcome value");
            } catch (ExecutionException e) {
                say("task-saw " + (Files.exists(sawFile) ? Files.readString(sawFile) : "nothing"));
                say("outcome failed " + e.getCause().getClass().getName());
                say("message " + oneLine(e.getCause().getMessage()));
            }
        }
    }

    private static void spawnFlood() throws Exception {
        try (ReceivePort sink = new ReceivePort()) {
            sink.listen(message -> { });
            Isolate flooder = Isolates.spawn(new FloodingEntryPoint(), sink.sendPort()).get(60, SECONDS);
            IsolateExit exit = flooder.onExit().get(120, SECONDS);
            say("exit " + exit.reason());
            say("exit-code " + exit.exitCode());
        }
    }

    private static void largeTasks() throws Exception {
        try (IsolatePool pool = IsolatePool.create(1)) {
            byte[] large = new byte[LARGE_TASK];
            tell("pool-large", pool.submit(() -> large.length));
            tell("pool-small", pool.submit(() -> 7));
        }
        byte[] large = new byte[LARGE_TASK];
        tell("run-large", Isolates.run(() -> large.length));
        tell("run-small", Isolates.run(() -> 7));
    }

    /**
     * A pool of 1 with prefetch: a task that runs for 8 s (longer than an isolate is given to end
     * once asked), then, sent ahead of it, a task too large for the disk.
     */
    private static void prefetchedLargeTask() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).prefetch(true).build()) {
            pool.submit(() -> 0).get(120, SECONDS); // the isolate is up: the slow task runs at once
            Future<String> slow = pool.submit(() -> {
                Thread.sleep(8_000);
                return "slow";
            });
            byte[] large = new byte[LARGE_TASK];
            Future<Integer> ahead = pool.submit(() -> large.length);
            tell("prefetched-large", ahead);
            tell("running-slow", slow);
        }
    }

    /** Prints {@code word value V}, or {@code word failed CLASS}, {@code message TEXT} and, for a full disk, its facts. */
    private static void tell(String word, Future<?> call) throws Exception {
        try {
            say(word + " value " + call.get(120, SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            say(word + " failed " + cause.getClass().getName());
            say("message " + oneLine(cause.getMessage()));
            if (cause instanceof DiskFullException full) {
                say("disk-full " + full.path() + " " + full.needed() + " " + full.available());
            }
        }
    }

    private static void stream() throws Exception {
        try (ReceivePort sink = new ReceivePort()) {
            Isolate streamer = Isolates.spawn(new Streamer(), sink.sendPort()).get(60, SECONDS);
            // The filler starts on "streaming": only once the isolate's queues are open and in use.
            boolean streaming = false;
            int received = 0;
            int corrupt = 0;
            while (true) {
                Object m;
                try {
                    m = sink.receive(Duration.ofSeconds(60));
                } catch (TimeoutException e) {
                    say("received " + received + " corrupt " + corrupt + " timed-out alive " + streamer.isAlive());
                    streamer.kill();
                    return;
                }
                if (m instanceof byte[] b) {
                    if (!streaming) {
                        streaming = true;
                        say("streaming");
                    }
                    if (!isIntact(b, received)) {
                        corrupt++;
                    }
                    received++;
                } else {
                    say("received " + received + " corrupt " + corrupt + " " + m);
                    streamer.onExit().get(30, SECONDS);
                    return;
                }
            }
        }
    }

    /** Message {@code n} is {@link #STREAM_MESSAGE} bytes, each {@code (byte) (n + i)}. */
    private static byte[] streamMessage(int n) {
        byte[] b = new byte[STREAM_MESSAGE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (n + i);
        }
        return b;
    }

    private static boolean isIntact(byte[] b, int n) {
        if (b.length != STREAM_MESSAGE) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] != (byte) (n + i)) {
                return false;
            }
        }
        return true;
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace("\n", "\\n");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    record SinkStart(SendPort replies, String countFile) {
    }

    /** Counts the messages it receives into a file of another file system. */
    static final class CountingSink implements IsolateEntryPoint<SinkStart> {
        private static final long serialVersionUID = 1L;

        @Override
        public void start(SinkStart start) throws Exception {
            ReceivePort inbox = new ReceivePort();
            int[] count = {0};
            Path file = Path.of(start.countFile());
            Path tmp = Path.of(start.countFile() + ".tmp");
            inbox.listen(message -> {
                count[0]++;
                try {
                    Files.writeString(tmp, Integer.toString(count[0]), StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            start.replies().send(inbox.sendPort());
        }
    }

    /** Sends 512 KiB messages to a port until a send throws; notes what it saw, then throws it on. */
    record Flood(SendPort to, String sawFile) implements IsolateCallable<String> {
        @Override
        public String call() throws Exception {
            for (int i = 0; i < 1000; i++) {
                try {
                    to.send(new byte[FLOOD_MESSAGE]);
                } catch (RuntimeException e) {
                    Files.writeString(Path.of(sawFile), e.getClass().getName() + " " + oneLine(e.getMessage()));
                    throw e;
                }
            }
            return "all sent";
        }
    }

    /** Sends 512 KiB messages to a port until a send throws, and does not catch it. */
    static final class FloodingEntryPoint implements IsolateEntryPoint<SendPort> {
        private static final long serialVersionUID = 1L;

        @Override
        public void start(SendPort to) {
            for (int i = 0; i < 1000; i++) {
                to.send(new byte[FLOOD_MESSAGE]);
            }
        }
    }

    /** Streams numbered messages, retrying each send that throws for up to 60 s, then says how it went. */
    static final class Streamer implements IsolateEntryPoint<SendPort> {
        private static final long serialVersionUID = 1L;

        @Override
        public void start(SendPort to) throws Exception {
            long deadline = System.nanoTime() + SECONDS.toNanos(60);
            int failures = 0;
            int sent = 0;
            while (sent < STREAMED && System.nanoTime() < deadline) {
                try {
                    to.send(streamMessage(sent));
                    sent++;
                } catch (RuntimeException e) { // an IsolateException; anything else is noted as a failure too
                    failures++;
                    Thread.sleep(20);
                }
            }
            String summary = "sent " + sent + " send-failures " + failures;
            for (int attempt = 0; ; attempt++) {
                try {
                    to.send(summary);
                    return;
                } catch (RuntimeException e) {
                    if (attempt == 1000) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
        }
    }
}
