package dev.isolates.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Reads sizes in bytes as people write them: {@code 4096}, {@code 64k}, {@code 64m}, {@code 1g} (powers of 1024). */
final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            int shift = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                default -> 0;
            };
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            if (n < 1 || n > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size: write it as 4096, 64k, 64m or 1g");
        }
    }

    /** {@code bytes} as a person reads it: {@code 64 MiB}, {@code 1000 bytes}. */
    static String describe(long bytes) {
        for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
            int shift = unit.equals("GiB") ? 30 : unit.equals("MiB") ? 20 : 10;
            if (bytes >= 1L << shift && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + " " + unit;
            }
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
