package dev.isolates.scripts;

import dev.isolates.IsolateCallable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The tasks of the cluster section; members load them from the scripts jar (their --classpath). */
final class ClusterBenchTasks {
    private ClusterBenchTasks() {
    }

    /** A tiny task: its 64-byte argument back, as the pool section's. */
    record Echo(byte[] payload) implements IsolateCallable<byte[]> {
        @Override
        public byte[] call() {
            return payload;
        }
    }

    /**
     * Writes a marker file as it starts, {@code started-N} in {@code folder} holding the member's pid
     * (the isolate's parent) and the wall-clock time in milliseconds, then naps: the bench sees which
     * member holds it, and when it started again after that member's kill -9.
     */
    record MarkedNap(String folder, long millis) implements IsolateCallable<Long> {
        @Override
        public Long call() throws IOException, InterruptedException {
            long member = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            Path dir = Path.of(folder);
            String started = member + " " + System.currentTimeMillis();
            int attempt = 0;
            Path marker;
            do {
                marker = dir.resolve("started-" + attempt++);
            } while (Files.exists(marker));
            // written aside and moved, so the bench never reads half a marker
            Path aside = Files.writeString(dir.resolve(marker.getFileName() + ".tmp"), started, StandardCharsets.UTF_8);
            Files.move(aside, marker, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(millis);
            return member;
        }
    }
}
