package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a given size mounted on a test's folder, unmounted on close: a small file system to
 * fill. Mounting needs root; where the test does not run as root, or there is no {@code mount}, the
 * test is skipped.
 */
final class SmallTmpfs implements AutoCloseable {
    private final Path mountPoint;

    private SmallTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallTmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mount")) || Files.isExecutable(Path.of("/bin/mount")),
                "no mount command here: this test needs a small tmpfs");
        Assumptions.assumeTrue("0".equals(run("id", "-u").output()), "this test mounts a small tmpfs, which needs root");
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        if (r.exitCode() != 0) {
            fail("mount of a " + size + " tmpfs at " + mountPoint + " failed: " + r.output());
        }
        return new SmallTmpfs(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = run("umount", mountPoint.toString());
        for (int i = 0; i < 20 && r.exitCode() != 0; i++) {
            Thread.sleep(500); // a killed supervisor's isolates may hold files for a moment
            r = run("umount", mountPoint.toString());
        }
        if (r.exitCode() != 0) {
            fail("umount " + mountPoint + " failed: " + r.output());
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command for at most 30 s. */
    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " did not finish within 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
