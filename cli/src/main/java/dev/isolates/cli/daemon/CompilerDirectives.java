package dev.isolates.cli.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * The JIT compiler directives a daemon starts with: picocli's code is compiled by C1 only. A daemon
 * builds picocli's model of the command line for every command, so that code gets hot enough for
 * C2, whose compiles of it take 0.1 to 0.7 s of CPU each and come again as the profile changes. On a
 * 2-core machine they took the cores from the isolates of the daemon's first commands; C1's code
 * builds the model in about a millisecond. Stateless.
 */
final class CompilerDirectives {
    /** HotSpot's directives format (JEP 165): methods matching a pattern, and what each compiler does with them. */
    static final String TEXT = "[{ match: \"picocli/*.*\", c2: { Exclude: true } }]\n";

    private CompilerDirectives() {
    }

    /**
     * The flags that give a JVM the directives, from {@code file}, which is written first unless it
     * holds them already. A JVM whose directives file does not parse does not start, so the file
     * is written whole under another name and then moved into place.
     */
    static List<String> flags(Path file) throws IOException {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), text)) {
            Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(written, text);
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        }
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file);
    }
}
