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
 * Makes an archive of a worker's classes from what its first worker recorded, in a JVM of its own
 * that outlives the supervisor, so a program that ends right after its first isolate still leaves an
 * archive behind: an AOT cache from a training run's configuration, or a class-data archive from a
 * class list (see {@link ArchiveKind}). That JVM takes the record over, makes the archive, checks
 * that a JVM with the worker's flags accepts it (a JVM told to map an archive it cannot use fails),
 * and only then moves it into place; the record and an archive that fails are deleted. What any of
 * these JVMs prints is dropped: it is no one's output.
 *
 * <p>Immutable; safe to use from any thread.
 *
 * @param kind      which archive it makes
 * @param flags     the worker's JVM flags, which the archive is made for
 * @param classpath the worker's classpath
 * @param recorded  what the first worker recorded
 * @param archive   the archive's place
 * @param quiet     the flag that keeps the JVM's logging about the archive off
 */
record ArchiveAssembly(ArchiveKind kind, List<String> flags, String classpath, Path recorded, Path archive,
                       String quiet) {
    /** Making a worker's archive takes about 2 s on 2 cores; a JVM still at it after this is stuck. */
    private static final long STEP_LIMIT_SECONDS = 120;
    /** The assembling JVM's own flags: a small, quick JVM, since it only starts two others. */
    private static final List<String> OWN_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xmx32m");

    ArchiveAssembly {
        flags = List.copyOf(flags);
    }

    /**
     * What becomes of a record once its worker has exited with {@code exitCode}: after a clean exit,
     * the assembling JVM starts; otherwise the record is dropped, so the next worker records again.
     * An archive that could not be made is not tried again by this supervisor: a classpath the JVM
     * cannot archive costs one recording run, not one per isolate.
     */
    void afterExit(int exitCode) {
        if (exitCode == 0 && kind.plausibleRecord(recorded)) {
            try {
                start().onExit().thenAccept(p -> {
                    if (p.exitValue() == 0) {
                        ArchiveFolder.release(archive);
                    }
                });
                return;
            } catch (IOException e) {
                // as for a recording run that failed: the next worker records again
            }
        }
        ArchiveFolder.delete(recorded);
        ArchiveFolder.release(archive);
    }

    /** Starts the JVM that makes the archive; it runs on after this one has exited. */
    Process start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(WorkerCommandLine.javaExecutable());
        cmd.addAll(OWN_FLAGS);
        Path launcher = SupervisorClasspath.location(ArchiveAssembly.class);
        cmd.add("-cp");
        cmd.add(launcher == null ? classpath : launcher.toString());
        cmd.add(ArchiveAssembly.class.getName());
        cmd.addAll(List.of(kind.name(), recorded.toString(), archive.toString(), classpath, quiet));
        cmd.addAll(flags);
        return discardingOutput(cmd);
    }

    /**
     * The assembling JVM: {@code KIND RECORDED ARCHIVE CLASSPATH QUIET WORKER_FLAG...}. Exits with 0
     * when the archive is in place.
     */
    public static void main(String[] args) {
        ArchiveAssembly assembly = new ArchiveAssembly(ArchiveKind.valueOf(args[0]),
                Arrays.asList(args).subList(5, args.length), args[3], Path.of(args[1]), Path.of(args[2]), args[4]);
        System.exit(assembly.run() ? 0 : 1);
    }

    /** Makes the archive, checks it and moves it into place, in this JVM; true when it is in place. */
    boolean run() {
        // under this JVM's pid, so a later sweep sees a live maker for as long as this JVM uses it
        Path ownRecord = ArchiveFolder.dumpFor(kind.recordOf(archive));
        Path dump = ArchiveFolder.dumpFor(archive);
        try {
            Files.move(recorded, ownRecord);
            if (exec(creating(ownRecord, dump)) && ArchiveFolder.plausible(dump) && exec(checking(dump))) {
                kind.pruneOld(archive.getParent());
                ArchiveFolder.moveIntoPlace(dump, archive);
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
            ArchiveFolder.delete(ownRecord);
        }
    }

    /** The JVM that makes the archive at {@code dump} from {@code record}. */
    List<String> creating(Path record, Path dump) {
        return command(kind.creating(record, dump), List.of());
    }

    /** The JVM that exits with 0 only when it can use the archive at {@code dump}. */
    List<String> checking(Path dump) {
        return command(kind.checking(dump), List.of("-version"));
    }

    private List<String> command(List<String> archiveFlags, List<String> after) {
        List<String> cmd = new ArrayList<>();
        cmd.add(WorkerCommandLine.javaExecutable());
        cmd.addAll(flags);
        cmd.addAll(archiveFlags);
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
