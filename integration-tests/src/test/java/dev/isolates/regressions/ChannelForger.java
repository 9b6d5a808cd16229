package dev.isolates.regressions;

import dev.isolates.IsolateCallable;
import dev.isolates.protocol.ChannelKey;
import dev.isolates.protocol.DoorbellSocket;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.Side;
import dev.isolates.protocol.WaitStrategy;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hostile plugin: run in an untrusted isolate, it opens a trusted isolate's channel with the
 * project's own protocol classes, as that isolate's worker or as the supervisor, and appends forged
 * messages to it, under a key of its own since it cannot know the channel's. It is given the trusted isolate's pid and finds its folder in
 * {@code /proc/PID/maps}, as a plugin can for any process of its user.
 */
final class ChannelForger {
    /** Correlation ids tried besides those read off the queue: tasks are numbered from 1. */
    static final int SPRAYED_CORRELATIONS = 64;
    private static final Pattern ISOLATE_FOLDER = Pattern.compile("(/\\S+/w\\d+)/(in|out)/");

    private ChannelForger() {
    }

    /** The channel folder of the isolate whose worker JVM is {@code pid}, from the files it maps. */
    static Path isolateFolder(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"))) {
            Matcher m = ISOLATE_FOLDER.matcher(line);
            if (m.find()) {
                return Path.of(m.group(1));
            }
        }
        throw new IOException("no isolate channel is mapped by pid " + pid);
    }

    /**
     * Opens the channel in {@code folder} as {@code side} would, over arenas of the forger's own and
     * a doorbell socket connected to itself, and runs {@code attack} on it.
     */
    static <T> T asEnd(Side side, Path folder, ChannelAttack<T> attack) throws Exception {
        Path own = Files.createTempDirectory("forger-");
        Path bellPath = own.resolve("bell");
        try (ServerSocketChannel server = DoorbellSocket.listen(bellPath)) {
            SocketChannel mine = DoorbellSocket.connect(bellPath);
            SocketChannel theirs = server.accept();
            try (IsolateChannel channel = IsolateChannel.prepare(side, IsolatePaths.of(folder), own.resolve("a1"),
                    own.resolve("a2"), ChannelKey.random()).connect(mine, KryoCodec.standard(), WaitStrategy.backoff())) {
                return attack.run(channel);
            } finally {
                theirs.close();
            }
        }
    }

    /** What the forger does with a channel it opened. */
    interface ChannelAttack<T> {
        T run(IsolateChannel channel) throws Exception;
    }

    /** The correlation ids of the tasks {@code channel}, opened as the worker, can read, and those sprayed. */
    static Set<Long> correlations(IsolateChannel channel) throws IOException {
        Set<Long> ids = new LinkedHashSet<>();
        Inbound m;
        while ((m = channel.poll()) != null) {
            ids.add(m.correlation());
            channel.release(m);
        }
        for (long id = 0; id <= SPRAYED_CORRELATIONS; id++) {
            ids.add(id);
        }
        return ids;
    }

    /**
     * The plugin that answers a trusted isolate's pending calls: opens its channel as its worker and
     * appends a RESULT carrying {@code forged} for every call it can name. Returns the ids it forged.
     */
    static final class ForgeResults implements IsolateCallable<List<Long>> {
        private static final long serialVersionUID = 1L;
        private final long trustedPid;
        private final String forged;

        ForgeResults(long trustedPid, String forged) {
            this.trustedPid = trustedPid;
            this.forged = forged;
        }

        @Override
        public List<Long> call() throws Exception {
            return asEnd(Side.WORKER, isolateFolder(trustedPid), channel -> {
                List<Long> sent = new ArrayList<>();
                for (long id : correlations(channel)) {
                    channel.send(MessageKind.RESULT, id, forged);
                    sent.add(id);
                }
                return sent;
            });
        }
    }

    /**
     * The plugin that gives a trusted isolate work: opens its channel as the supervisor and appends
     * a RUN of {@link MarkerTask}, which would write {@code marker} in the trusted isolate.
     */
    static final class ForgeTask implements IsolateCallable<Integer> {
        private static final long serialVersionUID = 1L;
        private final long trustedPid;
        private final String marker;

        ForgeTask(long trustedPid, Path marker) {
            this.trustedPid = trustedPid;
            this.marker = marker.toString();
        }

        @Override
        public Integer call() throws Exception {
            return asEnd(Side.SUPERVISOR, isolateFolder(trustedPid), channel -> {
                channel.send(MessageKind.RUN, 1_000_000, new MarkerTask(marker));
                return 1;
            });
        }
    }

    /** The forged work: writes the pid of the JVM that ran it to {@code marker}. */
    static final class MarkerTask implements IsolateCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String marker;

        MarkerTask(String marker) {
            this.marker = marker;
        }

        @Override
        public String call() throws Exception {
            Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
            return "ran";
        }
    }
}
