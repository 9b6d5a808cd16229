package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LateClasspathTest {
    @TempDir
    Path dir;

    @Test
    void shouldCopyJarsAndFoldersIntoTheIsolatesFolderInOrder() throws Exception {
        Path jar = Files.writeString(dir.resolve("plugin.jar"), "not really a jar");
        Path classes = Files.createDirectories(dir.resolve("classes/com/example"));
        Files.writeString(classes.resolve("Task.class"), "bytes");
        Path isolate = Files.createDirectories(dir.resolve("w1"));

        List<String> copies = LateClasspath.copy(List.of(jar, dir.resolve("classes")), isolate);

        assertEquals(List.of(isolate.resolve("classpath/0/plugin.jar").toString(),
                isolate.resolve("classpath/1/classes").toString()), copies);
        assertEquals("not really a jar", Files.readString(Path.of(copies.get(0))));
        assertEquals("bytes", Files.readString(Path.of(copies.get(1)).resolve("com/example/Task.class")));
    }

    @Test
    void shouldCopyNotLinkSoTheIsolateCannotWriteTheCallersFiles() throws Exception {
        Path jar = Files.writeString(dir.resolve("plugin.jar"), "original");
        Path isolate = Files.createDirectories(dir.resolve("w1"));

        Path copy = Path.of(LateClasspath.copy(List.of(jar), isolate).get(0));
        Files.writeString(copy, "changed by the isolate", StandardCharsets.UTF_8);

        assertFalse(Files.isSameFile(jar, copy));
        assertEquals("original", Files.readString(jar));
    }

    @Test
    void shouldFitSmallClasspathsButNotLargeOrMissingOnes() throws Exception {
        Path small = Files.writeString(dir.resolve("small.jar"), "x");
        Path large = dir.resolve("large.jar");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(LateClasspath.LIMIT_BYTES + 1); // sparse: takes no room
        }
        Path folder = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(folder.resolve("A.class"), "a");

        assertTrue(LateClasspath.fits(List.of(small, folder)));
        assertTrue(LateClasspath.fits(List.of()));
        assertFalse(LateClasspath.fits(List.of(small, large)));
        assertFalse(LateClasspath.fits(List.of(dir.resolve("missing.jar"))));
    }
}
