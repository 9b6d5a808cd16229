package dev.isolates.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.RemoteException;
import dev.isolates.TransferableBuffer;
import dev.isolates.cluster.ClusterTestTasks.Halting;
import dev.isolates.cluster.ClusterTestTasks.Napping;
import dev.isolates.json.JsonDocument;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a task and its result become on their way through a member in its own JVM. */
class ClusterTasksTest {
    private final ClusterProcesses processes = new ClusterProcesses();

    @AfterEach
    void endEveryProcess() throws InterruptedException {
        processes.close();
    }

    private ClusterPool poolOver(List<MemberProcess> members) {
        return ClusterPool.builder().closeTimeout(java.time.Duration.ofSeconds(10)).members(ClusterProcesses.addresses(members).split(",")).build();
    }

    @Test
    void shouldFailOnlyTheTaskWhoseIsolateCrashed() throws Exception {
        List<MemberProcess> members = processes.startCluster(1, 2);
        try (ClusterPool pool = poolOver(members)) {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(i == 7 ? pool.submit(new Halting()) : pool.submit(new Napping(i, 5)));
            }
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<?> f = futures.get(i);
                if (i == 7) {
                    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
                    Throwable crash = e.getCause();
                    assertTrue(crash instanceof IsolateCrashedException || (crash instanceof RemoteException r
                            && r.remoteClassName().equals(IsolateCrashedException.class.getName())), crash.toString());
                } else {
                    assertEquals((long) i, ((ClusterTestTasks.Ran) f.get(60, TimeUnit.SECONDS)).n());
                }
            }
        }
    }

    @Test
    void shouldNameTheClassAndTheMemberWhenAMemberLacksTheTaskClass() throws Exception {
        String withoutTests = Arrays.stream(MemberProcess.testClasspath().split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        int port = MemberProcess.freePort();
        MemberProcess member = processes.start(port, List.of(port), 1, withoutTests);
        try (ClusterPool pool = poolOver(List.of(member))) {
            CompletableFuture<ClusterTestTasks.Ran> f = pool.submit(new Napping(1, 1));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
            MissingTaskClassException missing = assertInstanceOf(MissingTaskClassException.class, e.getCause());
            assertEquals(Napping.class.getName(), missing.className());
            assertEquals(member.name(), missing.member());
            assertTrue(missing.getMessage().contains(member.name()) && missing.getMessage().contains(Napping.class.getName()),
                    missing.getMessage());
        }
    }

    @Test
    void shouldDeliverATransferableBufferAndAJsonDocumentAsTheSameTypes() throws Exception {
        List<MemberProcess> members = processes.startCluster(1, 1);
        try (ClusterPool pool = poolOver(members)) {
            IsolateCallable<TransferableBuffer> filled = () -> {
                TransferableBuffer b = TransferableBuffer.allocate(3 << 20);
                ByteBuffer bytes = b.buffer();
                for (int i = 0; i < bytes.limit(); i++) {
                    bytes.put(i, (byte) i);
                }
                return b;
            };
            try (TransferableBuffer buffer = pool.submit(filled).get(60, TimeUnit.SECONDS)) {
                ByteBuffer view = buffer.materialize();
                assertEquals(3 << 20, buffer.size());
                for (int i = 0; i < view.limit(); i += 4099) {
                    assertEquals((byte) i, view.get(i), "byte " + i);
                }
            }
            IsolateCallable<JsonDocument> parsed = () -> JsonDocument.parse(
                    "{\"name\":\"member\",\"values\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
            try (JsonDocument document = pool.submit(parsed).get(60, TimeUnit.SECONDS)) {
                assertEquals("member", document.root().get("name").asText());
                assertEquals(3, document.root().get("values").size());
                assertArrayEquals(new long[] {1, 2, 3}, new long[] {document.root().get("values").get(0).asLong(),
                        document.root().get("values").get(1).asLong(), document.root().get("values").get(2).asLong()});
            }
        }
    }
}
