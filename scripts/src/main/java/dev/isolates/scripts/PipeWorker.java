package dev.isolates.scripts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The baseline's child: a plain JVM talking over its stdin and stdout pipes with Data streams, the
 * way a Java program without this library would. {@code echo} answers each length-prefixed message
 * with the same bytes; {@code big} answers a requested size with that many bytes.
 */
public final class PipeWorker {
    private PipeWorker() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        if (args.length > 0 && args[0].equals("big")) {
            big(in, out);
        } else if (args.length > 0 && args[0].equals("count")) {
            count(in, out);
        } else {
            echo(in, out);
        }
    }

    private static void echo(DataInputStream in, DataOutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return;
            }
            in.readFully(buffer, 0, length);
            out.writeInt(length);
            out.write(buffer, 0, length);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    /** Reads length-prefixed messages until a negative length, then answers how many it read. */
    private static void count(DataInputStream in, DataOutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (true) {
            long n = 0;
            int length;
            try {
                while ((length = in.readInt()) >= 0) {
                    in.readFully(buffer, 0, length);
                    n++;
                }
            } catch (EOFException e) {
                return;
            }
            out.writeLong(n);
            out.flush();
        }
    }

    private static void big(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int size;
            try {
                size = in.readInt();
            } catch (EOFException e) {
                return;
            }
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) 0xab);
            out.writeInt(size);
            out.write(b);
            out.flush();
        }
    }
}
