package dev.isolates.it;

import dev.isolates.IsolateCallable;
import dev.isolates.Isolates;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * A program for {@link IsolateAotCacheTest}, run on a JDK 25 in a JVM of its own: one cold
 * {@code Isolates.run} that reports how its worker's JVM started, printed as {@code facts
 * training|mapped|plain VM_INFO}, then exits at once.
 */
public final class AotCacheProgram {
    private AotCacheProgram() {
    }

    public static void main(String[] args) throws Exception {
        String facts = Isolates.run((IsolateCallable<String>) AotCacheProgram::facts).get(120, TimeUnit.SECONDS);
        System.out.println("facts " + facts);
        System.exit(0); // at once: the cache is made all the same, by a JVM that outlives this one
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
}
