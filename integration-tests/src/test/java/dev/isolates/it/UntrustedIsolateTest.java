package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.RemoteException;
import dev.isolates.Sandbox;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An untrusted isolate (a plugin) cannot make its supervisor load a class: what it sends is decoded
 * with an allow-list. The payload class is named here only as text, and made only in the isolate,
 * so this JVM never loads it unless the decoder does.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class UntrustedIsolateTest {
    private static final String PAYLOAD = "dev.isolates.it.UntrustedPayload";
    private static final String MARKER_PROPERTY = "isolates.test.payload.marker"; // as UntrustedPayload reads it

    private static IsolateOptions untrusted(String... jvmArgs) {
        return IsolateOptions.builder().untrusted(true).jvmArgs(jvmArgs).timeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void shouldRefuseAClassOutsideTheAllowListWithoutLoadingIt(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("initialized-by.txt");
        String me = Long.toString(ProcessHandle.current().pid());
        // Were this JVM to initialize the class, it would write its own pid to the same file.
        System.setProperty(MARKER_PROPERTY, marker.toString());
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(
                    () -> Class.forName(PAYLOAD).getDeclaredConstructor().newInstance(),
                    untrusted("-D" + MARKER_PROPERTY + "=" + marker).toBuilder()
                            .sandbox(Sandbox.builder().writablePaths(dir).build()).build()).get(90, SECONDS));

            IsolateException refused = assertInstanceOf(IsolateException.class, e.getCause());
            assertTrue(refused.getMessage().contains("class " + PAYLOAD), refused.getMessage());
            assertTrue(refused.getMessage().contains("not on the allow-list"), refused.getMessage());
            assertTrue(refused.getMessage().contains("the class was not loaded"), refused.getMessage());

            List<String> pids = Files.readAllLines(marker);
            assertEquals(1, pids.size(), "initialized once, in the isolate: " + pids);
            assertFalse(pids.contains(me), "the supervisor (pid " + me + ") initialized " + PAYLOAD + ": " + pids);
        } finally {
            System.clearProperty(MARKER_PROPERTY);
        }
    }

    @Test
    void shouldReportAnUntrustedIsolatesExceptionAsRemoteExceptionWithoutRebuildingIt() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(() -> {
            throw new IllegalStateException("plugin gave up");
        }, untrusted()).get(90, SECONDS));

        RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
        assertEquals("java.lang.IllegalStateException", remote.remoteClassName());
        assertEquals("plugin gave up", remote.getMessage());
        assertTrue(remote.remoteStackTrace().contains(UntrustedIsolateTest.class.getName()), remote.remoteStackTrace());
    }

    @Test
    void shouldStillBringJdkValuesAndCollectionsBack() throws Exception {
        Map<String, Object> back = Isolates.run(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", "héllo");
            m.put("long", 1L << 40);
            m.put("decimal", new BigDecimal("12.50"));
            m.put("date", LocalDate.of(2024, 2, 29));
            m.put("uuid", new UUID(1, 2));
            m.put("list", List.of(1, 2, 3));
            m.put("arrayList", new ArrayList<>(List.of("a", "b")));
            m.put("map", Map.of("k", 2.5));
            m.put("sorted", new TreeSet<>(List.of("z", "y")));
            m.put("optional", Optional.of("present"));
            m.put("ints", new int[] {4, 5, 6});
            return m;
        }, untrusted()).get(90, SECONDS);

        assertEquals("héllo", back.get("text"));
        assertEquals(1L << 40, back.get("long"));
        assertEquals(new BigDecimal("12.50"), back.get("decimal"));
        assertEquals(LocalDate.of(2024, 2, 29), back.get("date"));
        assertEquals(new UUID(1, 2), back.get("uuid"));
        assertEquals(List.of(1, 2, 3), back.get("list"));
        assertEquals(List.of("a", "b"), back.get("arrayList"));
        assertEquals(Map.of("k", 2.5), back.get("map"));
        assertEquals(new TreeSet<>(List.of("y", "z")), back.get("sorted"));
        assertEquals(Optional.of("present"), back.get("optional"));
        assertTrue(Arrays.equals(new int[] {4, 5, 6}, (int[]) back.get("ints")), String.valueOf(back.get("ints")));
    }
}
