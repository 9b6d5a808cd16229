package dev.isolates.cli;

import dev.isolates.IsolateOptions;
import picocli.CommandLine;

/** Reads {@code --max-heap} as the JVM's {@code -Xmx} takes it ({@code 256m}, {@code 2g}), checked as the library checks it. */
final class HeapSizeConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            IsolateOptions.builder().maxHeap(value.trim());
            return value.trim();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a heap size: write it as 256m or 2g");
        }
    }
}
