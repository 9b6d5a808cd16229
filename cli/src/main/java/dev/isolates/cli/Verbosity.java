package dev.isolates.cli;

import picocli.CommandLine.Option;

/** {@code --verbose} and {@code --quiet}, shared by the subcommands. */
final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Show the isolates' stack traces and debug logging.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary on stderr.")
    boolean quiet;
}
