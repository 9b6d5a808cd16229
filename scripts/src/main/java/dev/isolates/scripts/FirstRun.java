package dev.isolates.scripts;

import dev.isolates.Isolates;
import java.util.concurrent.TimeUnit;

/**
 * The program the cold section runs as a whole command: a program's very first {@code Isolates.run},
 * in a JVM of its own that has loaded none of the library yet, then an exit. Run as
 * {@code java FLAGS -cp SCRIPTS_CLASSPATH dev.isolates.scripts.FirstRun}.
 */
public final class FirstRun {
    private FirstRun() {
    }

    public static void main(String[] args) throws Exception {
        int one = Isolates.run(() -> 1).get(60, TimeUnit.SECONDS);
        if (one != 1) {
            throw new IllegalStateException("the isolate answered " + one);
        }
        System.exit(0);
    }
}
