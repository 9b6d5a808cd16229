package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    private static List<String> prefix(SandboxSpec sandbox, List<Path> writable, Optional<Path> prlimit) {
        return SandboxCommand.prefix(BWRAP, sandbox, JAVA_HOME, List.of(), writable, List.of(), prlimit);
    }

    /** Whether {@code cmd} holds {@code flag} followed by {@code path} twice, as bwrap's binds are written. */
    private static boolean binds(List<String> cmd, String flag, Path path) {
        return Collections.indexOfSubList(cmd, List.of(flag, path.toString(), path.toString())) >= 0;
    }

    @Test
    void shouldUnshareEverythingAndEndWithTheSupervisorButKeepItsSession() {
        List<String> cmd = prefix(new SandboxSpec(true, false, List.of(), List.of(), 0, 0), List.of(), Optional.empty());

        assertEquals(BWRAP.toString(), cmd.get(0));
        assertTrue(cmd.containsAll(List.of("--unshare-all", "--as-pid-1", "--die-with-parent")), cmd.toString());
        assertFalse(cmd.contains("--share-net"), "no network by default: " + cmd);
        assertFalse(cmd.contains("--new-session"), "a session of its own is a scheduling group of its own: " + cmd);
        assertEquals("--", cmd.get(cmd.size() - 1));
    }

    @Test
    void shouldShareTheNetworkOnlyWhenAllowed() {
        List<String> cmd = prefix(new SandboxSpec(true, true, List.of(), List.of(), 0, 0), List.of(), Optional.empty());

        assertTrue(cmd.contains("--share-net"), cmd.toString());
    }

    @Test
    void shouldBindTheIsolatesOwnFilesReadWriteAfterThePrivateTmp(@TempDir Path dir) {
        Path channel = dir.resolve("w1");
        Path allowed = dir.resolve("allowed");
        List<String> cmd = prefix(new SandboxSpec(true, false, List.of(allowed.toString()), List.of(), 0, 0),
                List.of(channel), Optional.empty());

        assertTrue(binds(cmd, "--bind", channel), cmd.toString());
        assertTrue(binds(cmd, "--ro-bind-try", allowed), cmd.toString());
        assertTrue(cmd.indexOf("--tmpfs") < cmd.indexOf(channel.toString()), "a folder under /tmp stays visible: " + cmd);
        assertTrue(binds(cmd, "--ro-bind", JAVA_HOME.toAbsolutePath()) || JAVA_HOME.startsWith("/usr"), cmd.toString());
    }

    @Test
    void shouldSetTheLimitsWithPrlimitInsideTheSandbox() {
        List<String> cmd = prefix(new SandboxSpec(true, false, List.of(), List.of(), 100, 200), List.of(),
                Optional.of(Path.of("/usr/bin/prlimit")));

        int prlimit = cmd.indexOf("/usr/bin/prlimit");
        assertEquals("--", cmd.get(prlimit - 1));
        assertEquals(List.of("--nproc=100", "--nofile=200", "--"), cmd.subList(prlimit + 1, cmd.size()));
    }

    @Test
    void shouldFollowTheJdksLinksOutOfItsFolder() throws Exception {
        Path netProperties = JAVA_HOME.resolve("conf").resolve("net.properties");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isSymbolicLink(netProperties),
                "a JDK whose configuration lives elsewhere (Debian's, in /etc)");

        Path target = netProperties.toRealPath();
        assertTrue(SandboxCommand.jdkFolders(JAVA_HOME).contains(target.getParent()),
                SandboxCommand.jdkFolders(JAVA_HOME).toString());
    }

    @Test
    void shouldKeepOnlyAFewVariablesAndTheOptionsOwn() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "AWS_SECRET_ACCESS_KEY", "s3cr3t", "TZ", "UTC"));

        SandboxCommand.restrict(env, Map.of("PLUGIN_MODE", "fast"));

        assertEquals(Map.of("PATH", "/usr/bin", "TZ", "UTC", "HOME", "/tmp", "TMPDIR", "/tmp", "PLUGIN_MODE", "fast"), env);
    }
}
