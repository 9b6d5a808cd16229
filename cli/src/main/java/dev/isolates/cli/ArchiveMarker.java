package dev.isolates.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Tells {@code scripts/lib.sh} that this JVM's class-data dump is worth keeping. The JVM writes a
 * dump ({@code -XX:ArchiveClassesAtExit}) at every exit, whatever the run did; a run that only
 * printed help or a usage error loads a fraction of a real run's classes, and an archive of it
 * would make every later run of its subcommand slower. So a run that did its subcommand's work
 * creates the file named by {@link #PROPERTY}, and the script adopts only dumps that have one.
 */
final class ArchiveMarker {
    /** The system property the script sets to the marker's path when it asks for a dump. */
    static final String PROPERTY = "isolatectl.cds.marker";

    private ArchiveMarker() {
    }

    /** Creates the marker if the script asked for one and the run of {@code parsed} did its subcommand's work. */
    static void markIfWorked(ParseResult parsed, int exitCode) {
        String marker = System.getProperty(PROPERTY);
        if (marker == null || !didWork(parsed, exitCode)) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(marker));
            Files.createFile(Path.of(marker));
        } catch (IOException e) {
            // Without a marker the dump is deleted and a later run dumps again: the command is not affected.
        }
    }

    /** Whether a subcommand ran (not only help, version or a usage error). */
    static boolean didWork(ParseResult parsed, int exitCode) {
        if (exitCode == Outcomes.USAGE || !parsed.hasSubcommand()) {
            return false;
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()
                    || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return false;
            }
        }
        return true;
    }
}
