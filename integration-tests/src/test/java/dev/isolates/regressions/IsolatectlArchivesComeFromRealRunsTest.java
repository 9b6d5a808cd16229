package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isolates.it.Isolatectl;
import dev.isolates.it.Isolatectl.Result;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 11: {@code isolatectl}'s own class-data archive for a subcommand comes from a run
 * that did that subcommand's work (not from {@code --help} or a usage error, whose archive holds a
 * fraction of the classes and slows every later run), and each subcommand keeps its own.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlArchivesComeFromRealRunsTest {
    private static final String KEY = "[0-9a-f]{24}";

    @TempDir
    Path dir;
    Path archives;

    @BeforeEach
    void needsABaseArchive() throws IOException {
        assumeTrue(Files.exists(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa")),
                "this JDK has no base class-data archive to build on");
        archives = dir.resolve("cache").resolve("isolates").resolve("cds").resolve("isolatectl");
        Files.writeString(dir.resolve("real.json"), "{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"}");
    }

    @Test
    void shouldAdoptOnlyADumpOfARunThatDidTheSubcommandsWork() throws Exception {
        Result help = Isolatectl.run(dir, "json", "--help");
        assertEquals(0, help.exitCode(), help.printed());
        assertEquals(List.of(), names(), "a help run asks for no dump");

        Result usage = Isolatectl.run(dir, "json", "missing.json");
        assertEquals(2, usage.exitCode(), usage.printed());

        Result real = Isolatectl.run(dir, "json", "real.json");
        assertEquals(0, real.exitCode(), real.printed());
        List<String> afterReal = names();
        assertEquals(2, afterReal.size(), "the usage error's dump is gone; the real run's dump and its marker: " + afterReal);
        String dump = afterReal.get(0);
        assertTrue(dump.matches("json-" + KEY + "\\.jsa\\.dump-[0-9]+"), afterReal.toString());
        assertEquals(dump + ".ok", afterReal.get(1), "the real run marked its dump");
        long dumpSize = Files.size(archives.resolve(dump));

        Result next = Isolatectl.run(dir, "json", "real.json");
        assertEquals(0, next.exitCode(), next.printed());
        String archive = dump.replaceAll("\\.dump-[0-9]+$", "");
        assertEquals(List.of(archive), names(), "the real run's dump became the archive");
        assertEquals(dumpSize, Files.size(archives.resolve(archive)));
    }

    @Test
    void shouldKeepOneArchivePerSubcommandAndReplaceOnlyTheSubcommandsOwn() throws Exception {
        Files.createDirectories(archives);
        List<String> others = List.of("run-" + "a".repeat(24) + ".jsa", "spawn-" + "b".repeat(24) + ".jsa",
                "classpath-" + "c".repeat(24) + ".jsa", "completion-" + "d".repeat(24) + ".jsa",
                "jvm-options-" + "e".repeat(24) + ".jsa");
        String olderJson = "json-" + "0".repeat(24) + ".jsa"; // an earlier build's
        long old = System.currentTimeMillis() - 3_600_000;
        for (String name : concat(others, olderJson)) {
            Path f = Files.write(archives.resolve(name), new byte[] {1, 2, 3});
            Files.setLastModifiedTime(f, FileTime.fromMillis(old));
        }

        for (int i = 0; i < 2; i++) { // the first dumps, the second adopts
            Result r = Isolatectl.run(dir, "json", "real.json");
            assertEquals(0, r.exitCode(), r.printed());
        }
        List<String> kept = names();
        for (String other : others) {
            assertTrue(kept.contains(other), "another subcommand's archive stays: " + other + " in " + kept);
        }
        assertTrue(!kept.contains(olderJson), "the subcommand's older archive goes: " + kept);
        assertEquals(1, kept.stream().filter(n -> n.matches("json-" + KEY + "\\.jsa")).count(), kept.toString());
        assertEquals(others.size() + 1, kept.size(), kept.toString());
    }

    private static List<String> concat(List<String> list, String one) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
    }

    private List<String> names() throws IOException {
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (var files = Files.list(archives)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
