package dev.isolates.it;

import dev.isolates.IsolateCallable;
import dev.isolates.Isolates;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A program for {@link IsolateAotCacheTest}, run on a JDK 25 in a JVM of its own: one cold
 * {@code Isolates.run} that reports how its worker's JVM started, printed as {@code facts
 * training|mapped|plain VM_INFO}. Mode {@code train} then waits for the cache to be made in the
 * folder {@code isolates.cds.dir} names, and prints {@code cache FILE} (or {@code cache none}).
 */
public final class AotCacheProgram {
    private static final long CACHE_WAIT_MILLIS = 120_000;

    private AotCacheProgram() {
    }

    public static void main(String[] args) throws Exception {
        String facts = Isolates.run((IsolateCallable<String>) AotCacheProgram::facts).get(120, TimeUnit.SECONDS);
        System.out.println("facts " + facts);
        if (args[0].equals("train")) {
            System.out.println("cache " + awaitCache(Path.of(System.getProperty("isolates.cds.dir"))));
        }
        System.exit(0);
    }

    /** How this JVM started: as a training run, from a cache, or neither; and whether it shares classes. */
    static String facts() {
        String how = "plain";
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.equals("-XX:AOTMode=record")) {
                how = "training";
            } else if (arg.startsWith("-XX:AOTCache=")) {
                how = "mapped";
            }
        }
        return how + " " + System.getProperty("java.vm.info");
    }

    private static String awaitCache(Path dir) throws Exception {
        long deadline = System.currentTimeMillis() + CACHE_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    var cache = files.filter(p -> p.getFileName().toString().endsWith(".aot")).findFirst();
                    if (cache.isPresent()) {
                        return cache.get().getFileName().toString();
                    }
                }
            }
            Thread.sleep(100);
        }
        return "none";
    }
}
