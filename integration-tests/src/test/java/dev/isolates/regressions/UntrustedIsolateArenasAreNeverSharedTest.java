package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An untrusted isolate gets arena files no other isolate had, and they are gone when it ends: it
 * never reads what a trusted isolate left in an arena, and no later isolate maps memory it wrote.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class UntrustedIsolateArenasAreNeverSharedTest {
    private static final Pattern ARENA = Pattern.compile("(/\\S+/arena-\\d+)");
    private static final IsolateOptions PLUGIN = IsolateOptions.builder().untrusted(true)
            .timeout(Duration.ofSeconds(60)).build();

    /** The arena files the isolate that runs it maps. */
    private static final IsolateCallable<TreeSet<String>> MAPPED_ARENAS = () -> {
        TreeSet<String> arenas = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            Matcher m = ARENA.matcher(line);
            if (m.find()) {
                arenas.add(m.group(1));
            }
        }
        return arenas;
    };

    @Test
    void anUntrustedIsolatesArenasAreNewAndDeletedWhenItEnds() throws Exception {
        Set<String> trustedBefore = Isolates.run(MAPPED_ARENAS).get(90, SECONDS);
        Set<String> plugin = Isolates.run(MAPPED_ARENAS, PLUGIN).get(90, SECONDS);
        Set<String> trustedAfter = Isolates.run(MAPPED_ARENAS).get(90, SECONDS);
        Set<String> nextPlugin = Isolates.run(MAPPED_ARENAS, PLUGIN).get(90, SECONDS);

        assertEquals(2, plugin.size(), "an isolate maps its two arenas: " + plugin);
        assertTrue(Collections.disjoint(trustedBefore, plugin), trustedBefore + " reused by the plugin: " + plugin);
        assertTrue(Collections.disjoint(plugin, trustedAfter), "the plugin's " + plugin + " reused: " + trustedAfter);
        assertTrue(Collections.disjoint(plugin, nextPlugin), "the plugin's " + plugin + " reused: " + nextPlugin);
        for (String arena : plugin) {
            assertFalse(Files.exists(Path.of(arena)), arena + " outlived its untrusted isolate");
        }
    }
}
