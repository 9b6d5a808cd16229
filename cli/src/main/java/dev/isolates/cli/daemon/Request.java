package dev.isolates.cli.daemon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client asks the daemon to run: the body of a {@link Frames#REQUEST} frame.
 *
 * @param args             the command line after {@code isolatectl}
 * @param workingDirectory the client's working directory
 * @param environment      the client's environment
 * @param stderrTerminal   whether the client's stderr is a terminal
 */
record Request(List<String> args, String workingDirectory, Map<String, String> environment, boolean stderrTerminal) {
    Request {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(args.size());
            for (String a : args) {
                Frames.writeString(out, a);
            }
            Frames.writeString(out, workingDirectory);
            out.writeInt(environment.size());
            for (Map.Entry<String, String> e : environment.entrySet()) {
                Frames.writeString(out, e.getKey());
                Frames.writeString(out, e.getValue());
            }
            out.writeBoolean(stderrTerminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    static Request decode(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int count = in.readInt();
        if (count < 0 || count > body.length) {
            throw new IOException("a request of " + count + " arguments");
        }
        String[] args = new String[count];
        for (int i = 0; i < count; i++) {
            args[i] = Frames.readString(in);
        }
        String cwd = Frames.readString(in);
        int variables = in.readInt();
        if (variables < 0 || variables > body.length) {
            throw new IOException("a request of " + variables + " variables");
        }
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < variables; i++) {
            env.put(Frames.readString(in), Frames.readString(in));
        }
        return new Request(List.of(args), cwd, env, in.readBoolean());
    }
}
