package dev.isolates.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.protocol.ChannelKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkerHandoverTest {
    private static final WorkerArguments ARGUMENTS = new WorkerArguments(Path.of("/tmp/my session/w1"),
            Path.of("/tmp/my session/a 1"), Path.of("/tmp/my session/a 2"), Long.MAX_VALUE, "my plugin (v2) é");

    private static byte[] written(WorkerHandover handover) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handover.writeTo(out);
        return out.toByteArray();
    }

    private static WorkerHandover roundTrip(WorkerHandover handover) throws IOException {
        return WorkerHandover.readFrom(new ByteArrayInputStream(written(handover)));
    }

    @Test
    void shouldCarryArgumentsAndKeyThroughAStream() throws IOException {
        WorkerHandover original = new WorkerHandover(ARGUMENTS, ChannelKey.random());
        WorkerHandover read = roundTrip(original);
        assertEquals(ARGUMENTS, read.arguments());
        assertEquals(original.key(), read.key());
    }

    @Test
    void shouldReadNoMoreThanTheHandover() throws IOException {
        byte[] bytes = written(new WorkerHandover(ARGUMENTS, ChannelKey.random()));
        byte[] followed = Arrays.copyOf(bytes, bytes.length + 1);
        WorkerHandover.readFrom(new ByteArrayInputStream(bytes));
        assertEquals(ARGUMENTS, WorkerHandover.readFrom(new ByteArrayInputStream(followed)).arguments());
    }

    @Test
    void shouldGiveEachIsolateItsOwnKey() throws IOException {
        ChannelKey a = roundTrip(new WorkerHandover(ARGUMENTS, ChannelKey.random())).key();
        ChannelKey b = roundTrip(new WorkerHandover(ARGUMENTS, ChannelKey.random())).key();
        assertFalse(a.equals(b));
    }

    @Test
    void shouldNotShowTheKeyWhenPrinted() {
        WorkerHandover handover = new WorkerHandover(ARGUMENTS, ChannelKey.random());
        assertFalse(handover.toString().contains("ChannelKey"), handover.toString());
        assertEquals("ChannelKey[secret]", handover.key().toString());
    }

    @Test
    void shouldSayStdinWasEmpty() {
        IOException e = assertThrows(IOException.class, () -> WorkerHandover.readFrom(InputStream.nullInputStream()));
        assertTrue(e.getMessage().contains("stdin was empty"), e.getMessage());
    }

    @Test
    void shouldRefuseWhatIsNotAHandover() {
        byte[] text = "/tmp/w1 /tmp/a1\n".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> WorkerHandover.readFrom(new ByteArrayInputStream(text)));
        assertTrue(e.getMessage().contains("held something else"), e.getMessage());
    }

    @Test
    void shouldRefuseATruncatedHandover() throws IOException {
        byte[] bytes = written(new WorkerHandover(ARGUMENTS, ChannelKey.random()));
        assertThrows(IOException.class,
                () -> WorkerHandover.readFrom(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3))));
    }
}
