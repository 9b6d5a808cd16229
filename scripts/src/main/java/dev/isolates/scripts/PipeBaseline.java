package dev.isolates.scripts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;


/** The baseline every channel figure stands beside: the same exchange with a child JVM over its stdin and stdout. */
final class PipeBaseline {
    private PipeBaseline() {
    }

    static long[] pipeRoundTrips(int n, byte[] payload) throws IOException, InterruptedException {
        Process p = pipeWorker("echo");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16));
             DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream(), 1 << 16))) {
            byte[] back = new byte[payload.length];
            for (int i = 0; i < Bench.WARM_UP; i++) {
                pipeEcho(out, in, payload, back);
            }
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                pipeEcho(out, in, payload, back);
                lat[i] = System.nanoTime() - t;
            }
            return lat;
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static void pipeEcho(DataOutputStream out, DataInputStream in, byte[] payload, byte[] back) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        int len = in.readInt();
        in.readFully(back, 0, len);
    }

    // ---- 256 MiB result ----

    static long[] pipeBig(int size, int reps) throws IOException, InterruptedException {
        Process p = pipeWorker("big", Bench.BIG_WORKER_HEAP.toArray(new String[0]));
        try (DataOutputStream out = new DataOutputStream(p.getOutputStream());
             DataInputStream in = new DataInputStream(p.getInputStream())) {
            long[] lat = new long[reps];
            for (int r = -1; r < reps; r++) {
                long t = System.nanoTime();
                out.writeInt(size);
                out.flush();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                if (b[size - 1] != (byte) 0xab) {
                    throw new IllegalStateException("wrong pipe content");
                }
                if (r >= 0) {
                    lat[r] = System.nanoTime() - t;
                }
            }
            return lat;
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static Process pipeWorker(String mode, String... jvmArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(Arrays.asList(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PipeWorker.class.getName());
        cmd.add(mode);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    // ---- idle cost ----

    /** Messages per second one way through a pipe: 4-byte length and a small body each, buffered. */
    static double pipeOneWay(int n) throws IOException, InterruptedException {
        Process p = pipeWorker("count");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16));
             DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream()))) {
            byte[] body = new byte[4]; // the same bytes a small Integer takes in a Kryo body
            for (int round = 0; round < 2; round++) { // the first round warms both JVMs up
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    out.writeInt(body.length);
                    out.write(body);
                }
                out.writeInt(-1);
                out.flush();
                if (in.readLong() != n) {
                    throw new IllegalStateException("the pipe lost messages");
                }
                if (round == 1) {
                    return n / ((System.nanoTime() - t) / 1e9);
                }
            }
            throw new IllegalStateException("unreachable");
        } finally {
            p.getOutputStream().close();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    // ---- cold Isolates.run ----

    /** The {@code java} of this JVM. */
    static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
