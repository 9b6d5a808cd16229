package dev.isolates.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes an AOT cache from what a training run recorded, in a JVM of its own that outlives the
 * supervisor, so a program that ends right after its first isolate still leaves a cache behind. That
 * JVM takes the configuration over, makes the cache ({@code -XX:AOTMode=create}), checks that a JVM
 * with the worker's flags accepts it ({@code -XX:AOTMode=on} fails on a cache it cannot use), and
 * only then moves it into place; the configuration and a cache that fails are deleted. What any of
 * these JVMs prints is dropped: it is no one's output.
 *
 * <p>Immutable; safe to use from any thread.
 *
 * @param flags         the worker's JVM flags, which the cache is made for
 * @param classpath     the worker's classpath
 * @param configuration what the training run recorded
 * @param cache         the cache's place
 * @param quiet         the flag that keeps the JVM's logging about the cache off
 */
record AotCacheAssembly(List<String> flags, String classpath, Path configuration, Path cache, String quiet) {
    /** Making a worker's cache takes about 2 s on 2 cores; a JVM still at it after this is stuck. */
    private static final long STEP_LIMIT_SECONDS = 120;
    /** The assembling JVM's own flags: a small, quick JVM, since it only starts two others. */
    private static final List<String> OWN_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xmx32m");

    AotCacheAssembly {
        flags = List.copyOf(flags);
    }

    /** Starts the JVM that makes the cache; it runs on after this one has exited. */
    Process start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(WorkerCommandLine.javaExecutable());
        cmd.addAll(OWN_FLAGS);
        Path launcher = SupervisorClasspath.location(AotCacheAssembly.class);
        cmd.add("-cp");
        cmd.add(launcher == null ? classpath : launcher.toString());
        cmd.add(AotCacheAssembly.class.getName());
        cmd.addAll(List.of(configuration.toString(), cache.toString(), classpath, quiet));
        cmd.addAll(flags);
        return discardingOutput(cmd);
    }

    /**
     * The assembling JVM: {@code CONFIGURATION CACHE CLASSPATH QUIET WORKER_FLAG...}. Exits with 0
     * when the cache is in place.
     */
    public static void main(String[] args) {
        AotCacheAssembly assembly = new AotCacheAssembly(Arrays.asList(args).subList(4, args.length), args[2],
                Path.of(args[0]), Path.of(args[1]), args[3]);
        System.exit(assembly.run() ? 0 : 1);
    }

    /** Makes the cache, checks it and moves it into place, in this JVM; true when it is in place. */
    boolean run() {
        // under this JVM's pid, so a later sweep sees a live maker for as long as this JVM uses it
        Path ownConfiguration = ArchiveFolder.dumpFor(AotCache.configurationOf(cache));
        Path dump = ArchiveFolder.dumpFor(cache);
        try {
            Files.move(configuration, ownConfiguration);
            if (exec(creating(ownConfiguration, dump)) && ArchiveFolder.plausible(dump) && exec(checking(dump))) {
                AotCache.pruneOldCaches(cache.getParent());
                ArchiveFolder.moveIntoPlace(dump, cache);
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            ArchiveFolder.delete(dump);
            ArchiveFolder.delete(ownConfiguration);
        }
    }

    /** The JVM that makes the cache at {@code dump} from {@code recorded}. */
    List<String> creating(Path recorded, Path dump) {
        return command(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recorded, "-XX:AOTCache=" + dump),
                List.of());
    }

    /** The JVM that exits with 0 only when it can use the cache at {@code dump}. */
    List<String> checking(Path dump) {
        return command(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + dump), List.of("-version"));
    }

    private List<String> command(List<String> aot, List<String> after) {
        List<String> cmd = new ArrayList<>();
        cmd.add(WorkerCommandLine.javaExecutable());
        cmd.addAll(flags);
        cmd.addAll(aot);
        cmd.add(quiet);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.addAll(after);
        return cmd;
    }

    private static boolean exec(List<String> command) throws IOException, InterruptedException {
        Process p = discardingOutput(command);
        if (!p.waitFor(STEP_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            return false;
        }
        return p.exitValue() == 0;
    }

    private static Process discardingOutput(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
