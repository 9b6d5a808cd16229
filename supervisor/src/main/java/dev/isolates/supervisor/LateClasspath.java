package dev.isolates.supervisor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A classpath given to a prestarted sandboxed isolate after its start: each entry is copied into
 * the isolate's own folder, the one folder of the supervisor's its sandbox already has, at the same
 * path inside as outside. Copies, never links: a hard link would let the isolate write to the
 * caller's own file. A folder's regular files are copied, its symbolic links are not followed.
 * Classpaths over {@value #LIMIT_BYTES} bytes are not copied; an isolate started for the call reads
 * them where they are.
 */
final class LateClasspath {
    static final long LIMIT_BYTES = 64L * 1024 * 1024;
    static final String FOLDER = "classpath";

    private LateClasspath() {
    }

    /** Whether {@code entries} are small enough to copy; false for one that cannot be read. */
    static boolean fits(List<Path> entries) {
        long total = 0;
        for (Path entry : entries) {
            try {
                total += size(entry);
            } catch (IOException e) {
                return false;
            }
            if (total > LIMIT_BYTES) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies {@code entries} into {@code isolateFolder}.
     *
     * @return the copies' absolute paths, in the order of {@code entries}
     */
    static List<String> copy(List<Path> entries, Path isolateFolder) throws IOException {
        List<String> copies = new ArrayList<>(entries.size());
        Path base = isolateFolder.resolve(FOLDER);
        for (int i = 0; i < entries.size(); i++) {
            Path from = entries.get(i).toAbsolutePath();
            Path name = from.getFileName();
            Path to = base.resolve(Integer.toString(i)).resolve(name == null ? Path.of("root") : name);
            Files.createDirectories(to.getParent());
            if (Files.isDirectory(from)) {
                copyTree(from, to);
            } else {
                Files.copy(from, to);
            }
            copies.add(to.toAbsolutePath().toString());
        }
        return copies;
    }

    private static long size(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return Files.size(entry);
        }
        long[] total = {0};
        Files.walkFileTree(entry, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return total[0] > LIMIT_BYTES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
