package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolates.launcher.WorkerOutput;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LateOutputTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final List<String> stderr = new ArrayList<>();
    private final AtomicInteger ends = new AtomicInteger();
    private final WorkerOutput destination = new WorkerOutput(stdout, stderr::add, ends::incrementAndGet);

    @Test
    void shouldPassOnWhatWasWrittenBeforeTheBindFirstThenTheRest() throws Exception {
        LateOutput late = new LateOutput();
        WorkerOutput launcherSide = late.asWorkerOutput();
        launcherSide.stdout().write("early ".getBytes(StandardCharsets.UTF_8));
        launcherSide.stderr().accept("warning at start");

        late.bind(destination);
        launcherSide.stdout().write("late".getBytes(StandardCharsets.UTF_8));
        launcherSide.stderr().accept("an error line");

        assertEquals("early late", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("warning at start", "an error line"), stderr);
        assertEquals(0, ends.get(), "the isolate has not ended");
    }

    @Test
    void shouldEndTheDestinationOnceWhenTheIsolateEndsAfterTheBind() throws Exception {
        LateOutput late = new LateOutput();
        WorkerOutput launcherSide = late.asWorkerOutput();
        late.bind(destination);

        launcherSide.ended().run();
        launcherSide.ended().run(); // the launcher may end a worker that failed as it started twice

        assertEquals(1, ends.get());
    }

    @Test
    void shouldEndTheDestinationAtOnceWhenBoundAfterTheIsolateEnded() throws Exception {
        LateOutput late = new LateOutput();
        WorkerOutput launcherSide = late.asWorkerOutput();
        launcherSide.stderr().accept("last words");
        launcherSide.ended().run();

        late.bind(destination);

        assertEquals(List.of("last words"), stderr);
        assertEquals(1, ends.get());
    }

    @Test
    void shouldHoldNoMoreThanItsLimitBeforeTheBind() throws Exception {
        LateOutput late = new LateOutput();
        OutputStream out = late.asWorkerOutput().stdout();
        out.write(new byte[LateOutput.HELD_LIMIT]);
        out.write(new byte[] {1, 2, 3});

        late.bind(destination);

        assertEquals(LateOutput.HELD_LIMIT, stdout.size());
    }

    @Test
    void shouldRefuseASecondBind() throws Exception {
        LateOutput late = new LateOutput();
        late.bind(destination);

        assertThrows(IllegalStateException.class, () -> late.bind(destination));
    }
}
