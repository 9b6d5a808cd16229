package dev.isolates.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code isolatectl json} reads: every file named, and every {@code .json} file under every
 * folder named, in sorted path order; and each {@code .json} entry under a folder that cannot be
 * read as a file (a FIFO, a link loop), with why.
 *
 * @param files   the regular files to parse
 * @param skipped one line per entry left out: its path and why
 */
record JsonInputs(List<Path> files, List<String> skipped) {
    private static final int FILE_TYPE_BITS = 0170000;

    /**
     * The inputs under {@code paths}, relative ones in {@code workingDirectory}; each is named as
     * given (a file under a folder given as {@code data} is {@code data/a.json}).
     *
     * @throws IllegalArgumentException if a path named is missing or neither a regular file nor a
     *                                  folder (a usage error: nothing is parsed)
     */
    static JsonInputs collect(List<Path> paths, Path workingDirectory) {
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path given : paths) {
            Path p = workingDirectory.resolve(given);
            if (Files.isDirectory(p)) {
                walk(p, given, files, skipped);
            } else if (Files.isRegularFile(p)) {
                files.add(given);
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(given + " is " + kind(p) + ": give a regular file or a folder");
            } else {
                throw new IllegalArgumentException("no such file or folder: " + given);
            }
        }
        files.sort((a, b) -> a.toString().compareTo(b.toString()));
        return new JsonInputs(List.copyOf(files), List.copyOf(skipped));
    }

    /** Walks {@code root}, naming what it finds under {@code name}, the folder as given. */
    private static void walk(Path root, Path name, List<Path> files, List<String> skipped) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (f.getFileName().toString().endsWith(".json")) {
                        if (Files.isRegularFile(f)) {
                            files.add(named(f));
                        } else {
                            skipped.add(named(f) + ": " + kind(f));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    skipped.add(named(f) + ": cannot be read (" + reason(e) + ")");
                    return FileVisitResult.CONTINUE;
                }

                private Path named(Path f) {
                    return f.equals(root) ? name : name.resolve(root.relativize(f));
                }
            });
        } catch (IOException e) {
            skipped.add(name + ": cannot be read (" + reason(e) + ")");
        }
    }

    /** What an entry that is not a regular file is, in words: "a FIFO (named pipe)". */
    static String kind(Path p) {
        if (Files.isSymbolicLink(p)) {
            try {
                Path target = p.toRealPath();
                return Files.isDirectory(target) ? "a link to a folder, which is not followed"
                        : "a link to " + target + ", which is not a regular file";
            } catch (IOException e) {
                return "a symbolic link that cannot be followed (" + reason(e) + ")";
            }
        }
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FILE_TYPE_BITS;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                case 0020000, 0060000 -> "a device";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file"; // no unix attributes here: say no more than that
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
