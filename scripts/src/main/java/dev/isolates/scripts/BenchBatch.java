package dev.isolates.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON files a json benchmark parses: a batch {@link SampleBatch} generates in a temporary
 * folder (deleted on close), or the {@code .json} files under a folder given with {@code --json}.
 *
 * @param files     the files, sorted
 * @param bytes     their total size
 * @param generated the temporary folder, or null for a given one
 */
record BenchBatch(List<Path> files, long bytes, Path generated) implements AutoCloseable {
    static BenchBatch open(String jsonDir, boolean quick, String prefix) throws IOException {
        Path generated = jsonDir == null ? Files.createTempDirectory(prefix) : null;
        Path dir = generated != null ? generated : Path.of(jsonDir);
        if (generated != null) {
            SampleBatch.write(generated, quick ? 40 : 120, 1024, false);
        }
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        return new BenchBatch(files, bytes, generated);
    }

    /** Whether the files are the generated batch, whose record types {@link SampleRecords} has. */
    boolean isGenerated() {
        return generated != null;
    }

    @Override
    public void close() throws IOException {
        if (generated != null) {
            dev.isolates.protocol.SessionDirectory.deleteTree(generated);
        }
    }
}
