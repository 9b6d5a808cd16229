package dev.isolates.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-daemon}, shared by the commands the daemon can run. The launcher script reads it and
 * runs the command in its own JVM; picocli only has to accept it.
 */
final class DaemonChoice {
    @Option(names = "--no-daemon", description = "Run in a JVM of its own, not in the background supervisor "
            + "(as ISOLATECTL_DAEMON=off does).")
    boolean off;
}
