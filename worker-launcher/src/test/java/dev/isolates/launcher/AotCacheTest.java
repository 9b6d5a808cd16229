package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AotCacheTest {
    @RegisterExtension
    final TemporaryArchiveFolder folder = new TemporaryArchiveFolder();

    private Path jar(String name) throws Exception {
        return folder.jar(name);
    }

    private static AotCache.Plan plan(String classpath) {
        return (AotCache.Plan) AotCache.plan(List.of(), classpath);
    }

    @Test
    void shouldMakeNoCacheWhenAFolderIsOnTheClasspath() throws Exception {
        String cp = jar("a.jar") + File.pathSeparator + folder.scratch();
        assertTrue(AotCache.plan(List.of(), cp).flags().isEmpty());
        assertTrue(AotCache.planReadOnly(List.of(), cp, null).flags().isEmpty());
    }

    @Test
    void shouldTrainOnceThenMapTheCacheOnceItIsInPlace() throws Exception {
        String cp = jar("b.jar").toString();
        AotCache.Plan first = plan(cp);
        assertEquals("-XX:AOTMode=record", first.flags().get(0), first.flags().toString());
        assertEquals("-XX:AOTConfiguration=" + first.configuration(), first.flags().get(1));
        assertTrue(first.flags().contains("-XX:+DisplayVMOutputToStderr"), "the JVM's notice must stay off stdout");
        assertTrue(AotCache.plan(List.of(), cp).flags().isEmpty(), "only one worker trains at a time");
        assertTrue(AotCache.planReadOnly(List.of(), cp, null).flags().isEmpty(), "no cache yet");

        Files.write(first.archive(), new byte[256 * 1024]); // what the assembling JVM would have moved there
        List<String> next = AotCache.plan(List.of(), cp).flags();
        assertEquals(List.of("-XX:AOTCache=" + first.archive(), AotCache.quiet()), next);
        assertEquals(next, AotCache.planReadOnly(List.of(), cp, null).flags(), "a sandboxed worker maps it too");
        assertEquals(first.archive(), AotCache.planReadOnly(List.of(), cp, null).archive(), "the sandbox must let it be read");
    }

    @Test
    void shouldDropTheRecordingOfAJvmThatDidNotExitCleanly() throws Exception {
        String cp = jar("c.jar").toString();
        AotCache.Plan first = plan(cp);
        Files.write(first.configuration(), new byte[256 * 1024]);
        first.afterExit(137);
        assertFalse(Files.exists(first.configuration()));
        assertFalse(Files.exists(first.archive()));
        assertEquals("-XX:AOTMode=record", AotCache.plan(List.of(), cp).flags().get(0), "the next worker trains again");
    }

    @Test
    void shouldMapTheCacheOfTheLibrarysClasspathForAPluginInASandbox() throws Exception {
        String library = jar("lib.jar").toString();
        String withPlugin = library + File.pathSeparator + jar("plugin.jar");
        assertTrue(AotCache.planReadOnly(List.of(), withPlugin, library).flags().isEmpty(), "no cache yet");
        AotCache.Plan trained = plan(library);
        Files.write(trained.archive(), new byte[256 * 1024]);
        ArchivePlan plugin = AotCache.planReadOnly(List.of(), withPlugin, library);
        assertEquals(List.of("-XX:AOTCache=" + trained.archive(), AotCache.quiet()), plugin.flags());
        assertEquals(trained.archive(), plugin.archive(), "the sandbox must let it be read");
        assertTrue(AotCache.planReadOnly(List.of("-Xmx64m"), withPlugin, library).flags().isEmpty(),
                "a cache made with other flags does not fit");
        assertTrue(AotCache.planReadOnly(List.of(), jar("other.jar") + File.pathSeparator + library, library)
                .flags().isEmpty(), "only a classpath that starts with the library's extends its cache");
    }

    @Test
    void shouldNeverTrainInASandbox() throws Exception {
        assertTrue(AotCache.planReadOnly(List.of(), jar("s.jar").toString(), null).flags().isEmpty());
        assertEquals("-XX:AOTMode=record", AotCache.plan(List.of(), jar("s.jar").toString()).flags().get(0),
                "the read-only look claimed nothing");
    }

    @Test
    void shouldStayOutOfTheWayOfFlagsThatSetSharing() throws Exception {
        String cp = jar("f.jar").toString();
        for (String flag : List.of("-Xshare:off", "-Xshare:auto", "-XX:SharedArchiveFile=/x.jsa", "-XX:AOTCache=/x.aot",
                "-XX:ArchiveClassesAtExit=/y.jsa")) {
            assertTrue(AotCache.plan(List.of("-Xmx64m", flag), cp).flags().isEmpty(), flag);
        }
        assertFalse(AotCache.plan(List.of("-Xmx64m"), cp).flags().isEmpty());
    }

    @Test
    void shouldKeepOnlyTheNewestCachesWhenTrainingForANewOne() throws Exception {
        folder.aged(".aot", AotCache.KEEP + 3);
        Path archive = Files.write(folder.dir().resolve("older.jsa"), new byte[16]);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000L));
        AotCache.plan(List.of(), jar("e.jar").toString()); // trains for a new one: prunes first
        List<String> left = folder.named(".aot");
        assertEquals(AotCache.KEEP, left.size(), left.toString());
        assertTrue(left.contains("old-" + (AotCache.KEEP + 2) + ".aot"), "the newest stays: " + left);
        assertFalse(left.contains("old-0.aot"), "the oldest goes: " + left);
        assertTrue(Files.exists(archive), "class-data archives are counted on their own");
    }

    @Test
    void shouldBeOffWhenTheDirectoryIsNone() throws Exception {
        System.setProperty(ClassDataArchive.DIRECTORY_PROPERTY, "none");
        assertTrue(AotCache.plan(List.of(), jar("d.jar").toString()).flags().isEmpty());
        assertTrue(AotCache.planReadOnly(List.of(), jar("d.jar").toString(), null).flags().isEmpty());
    }

    @Test
    void shouldKeepTheTrainingJvmsNoticeFromTheUsersStderr() throws Exception {
        AotCache.Plan training = plan(jar("g.jar").toString());
        List<String> seen = new ArrayList<>();
        var sink = training.stderrTo(seen::add);
        sink.accept("a line of the program's");
        sink.accept(" " + AotCache.RECORDED + training.configuration());
        sink.accept("unended" + " " + AotCache.RECORDED + training.configuration());
        sink.accept(AotCache.RECORDED + "/some/other/file");
        assertEquals(List.of("a line of the program's", "unended", AotCache.RECORDED + "/some/other/file"), seen);
    }

    @Test
    void shouldQuietTheAotLogTagOnlyWhereItExists() {
        assertEquals("-Xlog:aot*=off,cds*=off,class+path=off", AotCache.quiet(25));
        assertEquals(ClassDataArchive.QUIET, AotCache.quiet(24));
    }
}
