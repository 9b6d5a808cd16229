package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionDirectoryTest {
    private Path base;
    private String previousBase;

    @BeforeEach
    void pointSessionsAtPrivateBase() throws IOException {
        base = Files.createTempDirectory(TestDirs.base(), "session-test-");
        previousBase = System.getProperty(SessionDirectory.BASE_PROPERTY);
        System.setProperty(SessionDirectory.BASE_PROPERTY, base.toString());
    }

    @AfterEach
    void restore() throws IOException {
        if (previousBase == null) {
            System.clearProperty(SessionDirectory.BASE_PROPERTY);
        } else {
            System.setProperty(SessionDirectory.BASE_PROPERTY, previousBase);
        }
        SessionDirectory.deleteTree(base);
    }

    @Test
    void shouldChooseBaseFromSystemProperty() {
        assertEquals(base, SessionDirectory.chooseBase());
    }

    @Test
    void shouldCreatePrivateDirectoryWithOwnerFile() throws IOException {
        try (SessionDirectory session = SessionDirectory.create()) {
            Path dir = session.path();
            assertEquals(base, dir.getParent());
            assertTrue(dir.getFileName().toString().startsWith(SessionDirectory.PREFIX + ProcessHandle.current().pid() + "-"));
            assertTrue(Files.isDirectory(dir));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            String owner = Files.readString(dir.resolve(SessionDirectory.OWNER_FILE)).trim();
            assertEquals(Long.toString(ProcessHandle.current().pid()), owner.split(" ")[0]);
        }
    }

    @Test
    void shouldRemoveDirectoryAndContentsOnClose() throws IOException {
        SessionDirectory session = SessionDirectory.create();
        Path dir = session.path();
        IsolatePaths isolate = session.newIsolate();
        Files.writeString(isolate.root().resolve("some-file"), "data");
        Files.write(session.newArenaFile(), new byte[4096]);
        assertTrue(Files.exists(isolate.root()));

        session.close();
        assertFalse(Files.exists(dir));
    }

    @Test
    void shouldNameIsolatesAndArenasUniquely() throws IOException {
        try (SessionDirectory session = SessionDirectory.create()) {
            IsolatePaths a = session.newIsolate();
            IsolatePaths b = session.newIsolate();
            assertFalse(a.root().equals(b.root()));
            assertTrue(Files.isDirectory(a.root()));
            assertEquals(session.path(), a.root().getParent());
            assertFalse(session.newArenaFile().equals(session.newArenaFile()));
        }
    }

    @Test
    void shouldRemoveDirectoryOfDeadOwnerAndKeepLiveOne() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        Path dead = fakeSession("isolates-" + gone.pid() + "-dead", gone.pid() + " 0\n");
        Files.writeString(dead.resolve("leftover"), "x");
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Path live = fakeSession("isolates-" + self.pid() + "-live", self.pid() + " " + started + "\n");
        Path notOurs = Files.createDirectory(base.resolve("other-" + gone.pid()));
        Files.writeString(notOurs.resolve(SessionDirectory.OWNER_FILE), gone.pid() + " 0\n");

        assertEquals(1, SessionDirectory.removeAbandoned(base));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(notOurs), "only isolates-* folders are touched");
    }

    @Test
    void shouldKeepDirectoryWithoutOwnerFile() throws IOException {
        Path making = Files.createDirectory(base.resolve("isolates-1-making"));
        assertEquals(0, SessionDirectory.removeAbandoned(base));
        assertTrue(Files.exists(making));
    }

    @Test
    void shouldRemoveAbandonedDirectoriesWhenCreatingSession() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        Path dead = fakeSession("isolates-" + gone.pid() + "-dead", gone.pid() + " 0\n");

        try (SessionDirectory session = SessionDirectory.create()) {
            assertFalse(Files.exists(dead));
            assertTrue(Files.exists(session.path()));
        }
    }

    @Test
    void shouldMarkTheDirectoryWithItsOwnersStartInClockTicksAfterBoot() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux's /proc");
        String ticks = "t" + selfStartTicks();
        try (SessionDirectory session = SessionDirectory.create()) {
            String name = session.path().getFileName().toString();
            assertTrue(name.startsWith(SessionDirectory.PREFIX + ProcessHandle.current().pid() + "-" + ticks + "-"), name);
            assertEquals(ProcessHandle.current().pid() + " " + ticks,
                    Files.readString(session.path().resolve(SessionDirectory.OWNER_FILE)).trim());
        }
    }

    /**
     * A start read as epoch milliseconds moves when the wall clock is stepped, and a JVM started
     * after the step would then take a live owner for a later process with its pid; clock ticks
     * after boot do not move, so the owner's directory is kept, and a pid given to a later process
     * is still told apart.
     */
    @Test
    void shouldJudgeALiveOwnerByItsStartInClockTicks() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux's /proc");
        long pid = ProcessHandle.current().pid();
        long ticks = selfStartTicks();
        Path live = fakeSession("isolates-" + pid + "-t" + ticks + "-1", pid + " t" + ticks + "\n");
        Path liveByName = Files.createDirectory(base.resolve("isolates-" + pid + "-t" + ticks + "-2"));
        Path reused = fakeSession("isolates-" + pid + "-t" + (ticks - 1) + "-3", pid + " t" + (ticks - 1) + "\n");
        Path reusedByName = Files.createDirectory(base.resolve("isolates-" + pid + "-t" + (ticks - 1) + "-4"));

        assertEquals(2, SessionDirectory.removeAbandoned(base));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(liveByName));
        assertFalse(Files.exists(reused));
        assertFalse(Files.exists(reusedByName));
    }

    private static long selfStartTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    private Path fakeSession(String name, String ownerLine) throws IOException {
        Path dir = Files.createDirectory(base.resolve(name));
        Files.writeString(dir.resolve(SessionDirectory.OWNER_FILE), ownerLine);
        return dir;
    }
}
