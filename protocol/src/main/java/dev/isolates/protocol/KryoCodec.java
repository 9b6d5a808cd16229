package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import com.esotericsoftware.minlog.Log;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Encodes one object and all it reaches with Kryo, and decodes it on the other side. Encoding is the
 * sendability check: an object graph holding a denied type fails with an
 * {@link UnsendableObjectException} whose path says where, before anything reaches a channel.
 *
 * <p>Thread-safe: Kryo instances come from a pool.
 */
public final class KryoCodec {
    /**
     * How deeply a message may nest, in objects (a list in a list counts two; a record holding a
     * list, two). Both ends refuse more, whatever their stacks: the sender as unsendable, the
     * receiver without recursing further. A reader thread needs about 1 KiB of stack per level.
     */
    public static final int MAX_DEPTH = 1000;

    static {
        Log.set(Log.LEVEL_ERROR); // Kryo's minlog would print warnings to stdout
    }

    private final DenyList denyList;
    private final boolean untrusted;
    private final Pool<Kryo> pool;

    private KryoCodec(DenyList denyList, ClassLoader loader, Consumer<Kryo> registrations, boolean untrusted) {
        this.denyList = denyList;
        this.untrusted = untrusted;
        this.pool = new Pool<>(true, false, 64) {
            @Override
            protected Kryo create() {
                Kryo kryo = untrusted ? new DenyingKryo(denyList, new AllowListClassResolver()) : new DenyingKryo(denyList);
                kryo.setRegistrationRequired(false);
                kryo.setReferences(true);
                kryo.setMaxDepth(MAX_DEPTH);
                kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
                kryo.setClassLoader(loader);
                ProtocolRegistrations.register(kryo);
                registrations.accept(kryo);
                return kryo;
            }
        };
    }

    /**
     * A codec refusing the types of {@code denyList}, loading classes through {@code loader}, with the
     * caller's own registrations added (ids from {@link ProtocolRegistrations#FIRST_SUPERVISOR_ID}).
     */
    public static KryoCodec create(DenyList denyList, ClassLoader loader, Consumer<Kryo> registrations) {
        return new KryoCodec(denyList, loader, registrations, false);
    }

    /** As {@link #create}, but decoding only what the {@link AllowList} allows: for untrusted peers. */
    public static KryoCodec createUntrusted(DenyList denyList, ClassLoader loader, Consumer<Kryo> registrations) {
        return new KryoCodec(denyList, loader, registrations, true);
    }

    /** True when this codec decodes only allow-listed classes. */
    public boolean untrusted() {
        return untrusted;
    }

    /** A codec with the standard deny-list and this class's loader; for tests and tools. */
    public static KryoCodec standard() {
        return create(DenyList.standard(), KryoCodec.class.getClassLoader(), k -> { });
    }

    /**
     * Encodes {@code value} into a new array of exactly its length.
     *
     * @throws UnsendableObjectException if the graph holds something that cannot be sent
     */
    public byte[] encode(Object value) {
        try (Output out = new Output(256, -1)) {
            encode(value, out);
            return out.toBytes();
        }
    }

    /**
     * Encodes {@code value} into {@code out}.
     *
     * @throws UnsendableObjectException if the graph holds something that cannot be sent
     * @throws KryoBufferOverflowException if {@code out} has a maximum size and the value needs more
     */
    public void encode(Object value, Output out) {
        Kryo kryo = pool.obtain();
        try {
            encode(kryo, value, out);
        } finally {
            pool.free(kryo);
        }
    }

    void encode(Kryo kryo, Object value, Output out) {
        try {
            kryo.writeClassAndObject(out, value);
        } catch (KryoBufferOverflowException e) {
            recover(kryo);
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            recover(kryo);
            throw unsendable(value, e);
        } catch (Error e) {
            recover(kryo);
            throw e;
        }
    }

    /** Reads one object from {@code body}, which may be a read-only view of mapped memory. */
    public Object decode(ByteBuffer body) {
        Kryo kryo = pool.obtain();
        try {
            return decode(kryo, body);
        } finally {
            pool.free(kryo);
        }
    }

    /**
     * @throws UnreadableMessageException if the body nests deeper than {@link #MAX_DEPTH} or
     *                                    decoding it met an {@link Error}
     */
    Object decode(Kryo kryo, ByteBuffer body) {
        int length = body.remaining();
        try {
            return kryo.readClassAndObject(new ByteBufferInput(body));
        } catch (RuntimeException e) {
            recover(kryo);
            if (tooDeep(e)) {
                throw new UnreadableMessageException("a message of " + length + " bytes nests deeper than "
                        + MAX_DEPTH + " levels, the most a message may have; it was not read", length, false, e);
            }
            throw e;
        } catch (Error e) {
            recover(kryo);
            throw new UnreadableMessageException("decoding a message of " + length + " bytes failed: " + e, length,
                    e instanceof VirtualMachineError, e);
        }
    }

    /** Kryo's own refusal past {@link Kryo#setMaxDepth}, the only sign it gives. */
    private static boolean tooDeep(Throwable failure) {
        KryoException k = find(failure, KryoException.class);
        return k != null && k.getMessage() != null && k.getMessage().startsWith("Max depth exceeded");
    }

    /**
     * Leaves {@code kryo} as it was before a write or read that failed half-way. Kryo unwinds its
     * depth and references in {@code finally} blocks, but its serializers pop the generic types and
     * type variables they pushed only on success: left pushed, the next message would be written
     * with the failed one's type arguments (issue 10, item 1).
     */
    private static void recover(Kryo kryo) {
        kryo.reset();
        kryo.setOptimizedGenerics(true); // a new, empty generics stack; the same setting as before
    }

    /**
     * A Kryo of its own, for a caller that encodes or decodes on one thread at a time and wants no
     * pool round trip per message (a channel's writer, under its lock, and its reader thread).
     */
    Kryo dedicated() {
        return pool.obtain(); // belongs to its caller until given back
    }

    /** Gives back a Kryo from {@link #dedicated()}, for the next channel: making one costs milliseconds. */
    void giveBack(Kryo kryo) {
        kryo.getContext().clear();
        pool.free(kryo);
    }

    /** Reads one object from {@code bytes}. */
    public Object decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    private UnsendableObjectException unsendable(Object value, Throwable failure) {
        DenyingKryo.DeniedTypeException denied = find(failure, DenyingKryo.DeniedTypeException.class);
        if (denied != null) {
            ObjectGraphPath.Found found = ObjectGraphPath.find(value, denyList);
            String path = found != null ? found.path() : tracePath(failure);
            return new UnsendableObjectException(path, denied.type().getName(), denied.reason(), null);
        }
        if (tooDeep(failure)) {
            return new UnsendableObjectException("", value.getClass().getName(), "it nests deeper than " + MAX_DEPTH
                    + " levels, the most a message may have; flatten it (a list of nodes instead of a chain)", failure);
        }
        if (find(failure, StackOverflowError.class) != null) {
            return new UnsendableObjectException("", value.getClass().getName(),
                    "the object graph is too deep to encode", failure);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == failure ? firstLine(failure.getMessage()) : root.toString();
        return new UnsendableObjectException(tracePath(failure), typeFromTrace(failure, value), reason, failure);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Kryo's "Serialization trace" lists fields innermost first, as {@code name (DeclaringClass)}. */
    private static List<String> traceLines(Throwable failure) {
        KryoException k = find(failure, KryoException.class);
        List<String> fields = new ArrayList<>();
        if (k == null || k.getMessage() == null) {
            return fields;
        }
        String message = k.getMessage();
        int at = message.indexOf("Serialization trace:");
        if (at < 0) {
            return fields;
        }
        for (String line : message.substring(at).split("\n")) {
            line = line.trim();
            if (!line.isEmpty() && !line.startsWith("Serialization trace:")) {
                fields.add(line);
            }
        }
        return fields;
    }

    private static String tracePath(Throwable failure) {
        List<String> lines = traceLines(failure);
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            int paren = line.indexOf(' ');
            names.add(paren > 0 ? line.substring(0, paren) : line);
        }
        Collections.reverse(names);
        return String.join(" -> ", names);
    }

    private static String typeFromTrace(Throwable failure, Object value) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(root.getMessage());
        int field = text.indexOf("field ");
        if (root instanceof java.lang.reflect.InaccessibleObjectException && field >= 0) {
            String[] words = text.substring(field).split(" ");
            for (String w : words) {
                int dot = w.lastIndexOf('.');
                if (dot > 0 && Character.isLowerCase(w.charAt(0))) {
                    return w.substring(0, dot);
                }
            }
        }
        return value == null ? "null" : value.getClass().getName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
