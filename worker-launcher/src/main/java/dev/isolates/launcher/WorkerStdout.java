package dev.isolates.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker's stdout, passed through to the supervisor's byte for byte on a daemon thread, except
 * what its JVM prints there as it dies ({@link JvmDeathOutput}): from the first such line on,
 * everything it prints goes to its crash report (the stderr {@link OutputTail}) instead, never to
 * the supervisor's stdout, which is the program's own (a JSON result, ndjson data).
 *
 * <p>A line that may open the JVM's death output is held back until it is ended and the next line
 * shows what it is; a lone {@code #} line followed by nothing for {@value #HOLD_MILLIS} ms is passed
 * on. Everything else is passed on as it arrives, ended lines or not. Thread-safe.
 */
public final class WorkerStdout {
    static final long HOLD_MILLIS = 100;

    private final InputStream in;
    private final OutputStream out;
    private final OutputTail crashReport;
    private final CountDownLatch ended = new CountDownLatch(1);
    /** The line being read, from its start, while it may still open the JVM's death output. */
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    /** A lone "#" line that came before {@link #held}, not yet passed on. */
    private boolean heldOpener;
    /** The current line was passed on in part already: the rest of it goes too. */
    private boolean passing;
    private boolean dying;

    private WorkerStdout(InputStream in, OutputStream out, OutputTail crashReport) {
        this.in = in;
        this.out = out;
        this.crashReport = crashReport;
    }

    /**
     * Starts passing {@code stream} on to {@code out}, on a thread named after the isolate; what the
     * JVM prints as it dies goes to {@code crashReport}.
     */
    public static WorkerStdout start(InputStream stream, String name, OutputStream out, OutputTail crashReport) {
        WorkerStdout stdout = new WorkerStdout(stream, out, crashReport);
        Thread t = new Thread(stdout::pump, "isolate-stdout-" + name);
        t.setDaemon(true);
        t.start();
        return stdout;
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (in) {
            while (true) {
                if (heldOpener && held.size() == 0 && !arrivesWithin(HOLD_MILLIS)) {
                    passOn(openerBytes());
                    heldOpener = false;
                    flush();
                }
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                take(buffer, n);
                flush();
            }
        } catch (IOException e) {
            // the stream closes when the process ends or is destroyed
        } finally {
            endOfStream();
            ended.countDown();
        }
    }

    private boolean arrivesWithin(long millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (in.available() == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    private void take(byte[] bytes, int length) throws IOException {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                endLine(bytes, start, i + 1);
                start = i + 1;
            }
        }
        if (start < length) {
            partLine(bytes, start, length);
        }
    }

    /** Bytes {@code from} to {@code to} end a line (its '\n' included). */
    private void endLine(byte[] bytes, int from, int to) throws IOException {
        if (dying) {
            held.write(bytes, from, to - from);
            toCrashReport();
            return;
        }
        if (passing) {
            out.write(bytes, from, to - from);
            passing = false;
            return;
        }
        held.write(bytes, from, to - from);
        String line = heldText();
        if (JvmDeathOutput.startsDeath(line)) {
            dying = true;
            if (heldOpener) {
                crashReport.add(JvmDeathOutput.BLOCK_OPENER);
                heldOpener = false;
            }
            toCrashReport();
            return;
        }
        if (heldOpener) {
            passOn(openerBytes());
            heldOpener = false;
        }
        if (JvmDeathOutput.BLOCK_OPENER.equals(line)) {
            heldOpener = true;
            held.reset();
            return;
        }
        passOn(held.toByteArray());
        held.reset();
    }

    /** Bytes {@code from} to {@code to} are part of a line not ended yet. */
    private void partLine(byte[] bytes, int from, int to) throws IOException {
        if (dying) {
            held.write(bytes, from, to - from);
            return;
        }
        if (passing) {
            out.write(bytes, from, to - from);
            return;
        }
        held.write(bytes, from, to - from);
        if (!JvmDeathOutput.mayStartDeath(heldText())) {
            if (heldOpener) {
                passOn(openerBytes());
                heldOpener = false;
            }
            passOn(held.toByteArray());
            held.reset();
            passing = true;
        }
    }

    private void endOfStream() {
        try {
            if (dying) {
                if (held.size() > 0) {
                    toCrashReport();
                }
                return;
            }
            if (heldOpener) {
                passOn(openerBytes());
            }
            passOn(held.toByteArray());
            flush();
        } catch (IOException e) {
            // the supervisor's stdout is closed: nothing more can be passed on
        }
    }

    private void toCrashReport() {
        crashReport.add(heldText());
        held.reset();
    }

    private String heldText() {
        String text = held.toString(StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static byte[] openerBytes() {
        return (JvmDeathOutput.BLOCK_OPENER + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void passOn(byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            out.write(bytes);
        }
    }

    private void flush() throws IOException {
        out.flush();
    }

    /** Waits up to {@code millis} for the stream to end, so all a dead JVM printed has been passed on or kept. */
    public void awaitEnd(long millis) {
        try {
            ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
