package dev.isolates.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output for commands that print a line per item: buffered, flushed by the caller. */
final class StandardOutput {
    private StandardOutput() {
    }

    /**
     * A UTF-8 stream on file descriptor 1 with a 64 KiB buffer and no flush per line: {@code System.out}
     * makes a system call for every line, which costs more than handling the line did.
     */
    static PrintStream buffered() {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                StandardCharsets.UTF_8);
    }
}
