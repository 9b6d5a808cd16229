package dev.isolates.cli;

import dev.isolates.Sandbox;
import dev.isolates.launcher.Bubblewrap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --no-sandbox} and what a sandboxed plugin may reach, shared by {@code run} and {@code spawn}. */
final class SandboxOptions {
    @Option(names = "--no-sandbox", description = "Run the plugin without the bubblewrap sandbox, as any process of yours.")
    boolean none;

    @Option(names = "--allow-read", paramLabel = "PATH", description = "A file or folder the sandboxed plugin may read; repeatable.")
    List<Path> readable = new ArrayList<>();

    @Option(names = "--allow-write", paramLabel = "PATH", description = "A file or folder the sandboxed plugin may read and write; repeatable.")
    List<Path> writable = new ArrayList<>();

    @Option(names = "--allow-network", description = "Let the sandboxed plugin use the network.")
    boolean network;

    /** The sandbox asked for, its paths resolved against the console's working directory. */
    Sandbox sandbox(Console console) {
        if (none) {
            return Sandbox.none();
        }
        return Sandbox.builder().network(network).readablePaths(readable.stream().map(console::resolve).toArray(Path[]::new))
                .writablePaths(writable.stream().map(console::resolve).toArray(Path[]::new)).build();
    }

    /** Why the sandbox asked for cannot be had here, with what to do; empty when it can or none was asked for. */
    Optional<String> problem() {
        if (none) {
            return Optional.empty();
        }
        return Bubblewrap.find().problem().map(p -> p + "; or run the plugin without it: --no-sandbox");
    }
}
