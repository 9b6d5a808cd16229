package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClassDataArchiveTest {
    @RegisterExtension
    final TemporaryArchiveFolder folder = new TemporaryArchiveFolder();

    private Path jar(String name) throws Exception {
        return folder.jar(name);
    }

    @Test
    void shouldMakeNoArchiveWhenAFolderIsOnTheClasspath() throws Exception {
        String cp = jar("a.jar") + File.pathSeparator + folder.scratch();
        assertTrue(ArchiveFolder.key(List.of(), cp).isEmpty());
        assertTrue(ClassDataArchive.plan(List.of(), cp).flags().isEmpty());
    }

    @Test
    void shouldNameTheArchiveAfterFlagsAndJarContents() throws Exception {
        Path a = jar("a.jar");
        String k1 = ArchiveFolder.key(List.of("-Xmx1g"), a.toString()).orElseThrow();
        assertEquals(k1, ArchiveFolder.key(List.of("-Xmx1g"), a.toString()).orElseThrow());
        assertNotEquals(k1, ArchiveFolder.key(List.of("-Xmx2g"), a.toString()).orElseThrow());
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() - 60_000));
        assertNotEquals(k1, ArchiveFolder.key(List.of("-Xmx1g"), a.toString()).orElseThrow(),
                "a rebuilt jar must get a new archive");
    }

    @Test
    void shouldRecordTheClassListOnceThenMapTheArchiveOnceItIsInPlace() throws Exception {
        String cp = jar("b.jar").toString();
        ClassDataArchive.Plan first = (ClassDataArchive.Plan) ClassDataArchive.plan(List.of(), cp);
        assertEquals("-XX:DumpLoadedClassList=" + first.classList(), first.flags().get(0), first.flags().toString());
        assertTrue(first.flags().stream().noneMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit")),
                "a dynamic archive would keep the marks of methods queued for the JIT: " + first.flags());
        assertTrue(ClassDataArchive.plan(List.of(), cp).flags().isEmpty(), "only one worker records at a time");

        Files.write(first.archive(), new byte[256 * 1024]); // what the assembling JVM would have moved there
        List<String> next = ClassDataArchive.plan(List.of(), cp).flags();
        assertEquals("-XX:SharedArchiveFile=" + first.archive(), next.get(0));
    }

    @Test
    void shouldMakeTheArchiveFromTheClassListWithoutAJitCompiler() throws Exception {
        String cp = jar("f.jar").toString();
        ClassDataArchive.Plan first = (ClassDataArchive.Plan) ClassDataArchive.plan(List.of("-Xmx64m"), cp);
        List<String> creating = first.assembly().creating(first.classList(), first.archive());
        assertTrue(creating.containsAll(List.of("-Xmx64m", "-Xshare:dump", "-XX:SharedClassListFile=" + first.classList(),
                "-XX:SharedArchiveFile=" + first.archive())), creating.toString());
        assertEquals(List.of("-cp", cp), creating.subList(creating.size() - 2, creating.size()));
    }

    @Test
    void shouldMapTheArchiveOfTheLibrarysClasspathForAPluginInASandbox() throws Exception {
        String library = jar("lib.jar").toString();
        String withPlugin = library + File.pathSeparator + jar("plugin.jar");
        assertTrue(ClassDataArchive.planReadOnly(List.of(), withPlugin, library).flags().isEmpty(), "no archive yet");
        ClassDataArchive.Plan recorded = (ClassDataArchive.Plan) ClassDataArchive.plan(List.of(), library);
        Files.write(recorded.archive(), new byte[256 * 1024]);
        ArchivePlan plugin = ClassDataArchive.planReadOnly(List.of(), withPlugin, library);
        assertEquals("-XX:SharedArchiveFile=" + recorded.archive(), plugin.flags().get(0));
        assertEquals(recorded.archive(), plugin.archive(), "the sandbox must let it be read");
        assertTrue(ClassDataArchive.planReadOnly(List.of("-Xmx64m"), withPlugin, library).flags().isEmpty(),
                "an archive made with other flags does not fit");
    }

    @Test
    void shouldDropTheClassListOfAJvmThatDidNotExitCleanly() throws Exception {
        String cp = jar("c.jar").toString();
        ClassDataArchive.Plan first = (ClassDataArchive.Plan) ClassDataArchive.plan(List.of(), cp);
        Files.writeString(first.classList(), "java/lang/Object\n");
        first.afterExit(137);
        assertFalse(Files.exists(first.classList()));
        assertFalse(Files.exists(first.archive()));
        assertTrue(ClassDataArchive.plan(List.of(), cp).flags().get(0).startsWith("-XX:DumpLoadedClassList="),
                "the next worker records again");
    }

    @Test
    void shouldKeepOnlyTheNewestArchivesWhenMakingANewOne() throws Exception {
        folder.aged(".jsa", ClassDataArchive.KEEP + 3);
        ClassDataArchive.plan(List.of(), jar("e.jar").toString()); // makes a new one: prunes first
        List<String> left = folder.named(".jsa");
        assertEquals(ClassDataArchive.KEEP, left.size(), left.toString());
        assertTrue(left.contains("old-" + (ClassDataArchive.KEEP + 2) + ".jsa"), "the newest stays: " + left);
        assertFalse(left.contains("old-0.jsa"), "the oldest goes: " + left);
    }

    @Test
    void shouldBeOffWhenTheDirectoryIsNone() throws Exception {
        System.setProperty(ClassDataArchive.DIRECTORY_PROPERTY, "none");
        assertTrue(ClassDataArchive.plan(List.of(), jar("d.jar").toString()).flags().isEmpty());
    }
}
