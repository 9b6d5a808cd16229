package dev.isolates.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points {@value ClassDataArchive#DIRECTORY_PROPERTY} at a fresh folder for each test and back after
 * it, and makes the jars a test's classpaths hold. Used by one test class at a time.
 */
final class TemporaryArchiveFolder implements BeforeEachCallback, AfterEachCallback {
    private Path root;
    private String saved;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("isolates-archives-");
        saved = System.getProperty(ClassDataArchive.DIRECTORY_PROPERTY);
        System.setProperty(ClassDataArchive.DIRECTORY_PROPERTY, dir().toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (saved == null) {
            System.clearProperty(ClassDataArchive.DIRECTORY_PROPERTY);
        } else {
            System.setProperty(ClassDataArchive.DIRECTORY_PROPERTY, saved);
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The test's folder of archives, which the property names; not made yet. */
    Path dir() {
        return root.resolve("cds");
    }

    /** A test's own scratch folder, beside the archives. */
    Path scratch() {
        return root;
    }

    /** Makes {@code count} files {@code old-I} + {@code suffix} in the folder, {@code old-0} the oldest. */
    void aged(String suffix, int count) throws IOException {
        Files.createDirectories(dir());
        for (int i = 0; i < count; i++) {
            Path old = Files.write(dir().resolve("old-" + i + suffix), new byte[16]);
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
    }

    /** The names of the files in the folder that end with {@code suffix}, sorted. */
    List<String> named(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    /** A small file named {@code name} (such as {@code a.jar}), made now: a classpath entry to key on. */
    Path jar(String name) throws IOException {
        return Files.write(root.resolve(name), new byte[] {1, 2, 3});
    }
}
