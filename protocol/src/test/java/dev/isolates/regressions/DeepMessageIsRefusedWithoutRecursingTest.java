package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.UnreadableMessageException;
import dev.isolates.protocol.UnsendableObjectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Issue 10, item 2: a list nested 5,000 deep, sent by an isolate with a large {@code -Xss}, overflowed
 * the supervisor reader's stack. Decoding now stops at {@link KryoCodec#MAX_DEPTH} levels, on any
 * stack, with an error that says so; the sender refuses such a message first.
 */
class DeepMessageIsRefusedWithoutRecursingTest {
    private final KryoCodec codec = KryoCodec.standard();

    static Object nested(int depth) {
        Object o = "leaf";
        for (int i = 0; i < depth; i++) {
            List<Object> l = new ArrayList<>();
            l.add(o);
            o = l;
        }
        return o;
    }

    /** What a peer that does not keep the limit (another build, a hostile plugin) could send. */
    private static byte[] encodedWithoutLimit(Object value) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        AtomicReference<byte[]> bytes = new AtomicReference<>();
        Thread deepStack = new Thread(null, () -> {
            try (Output out = new Output(4096, -1)) {
                kryo.writeClassAndObject(out, value);
                bytes.set(out.toBytes());
            }
        }, "encoder", 256L << 20);
        deepStack.start();
        try {
            deepStack.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return bytes.get();
    }

    @Test
    void shouldRefuseADeeplyNestedMessageOnASmallStack() throws Exception {
        byte[] deep = encodedWithoutLimit(nested(5_000));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // 2 MiB holds about 2,000 levels, not 5,000: the refusal must come from the limit, not the stack.
        Thread smallStack = new Thread(null, () -> {
            try {
                codec.decode(deep);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "reader", 2L << 20);
        smallStack.start();
        smallStack.join(30_000);
        UnreadableMessageException e = assertInstanceOf(UnreadableMessageException.class, failure.get());
        assertTrue(e.getMessage().contains("deeper than " + KryoCodec.MAX_DEPTH), e.getMessage());
        assertEquals(deep.length, e.length());
        assertFalse(e.endsIsolate(), "a refused message leaves the reader able to go on");

        assertEquals(nested(50), codec.decode(encodedWithoutLimit(nested(50))), "the codec reads on");
    }

    @Test
    void shouldRefuseToSendAMessageNestedDeeperThanTheLimit() {
        Object deep = nested(KryoCodec.MAX_DEPTH + 10);
        UnsendableObjectException e = assertThrows(UnsendableObjectException.class,
                () -> codec.encode(deep, new Output(4096, -1)));
        assertTrue(e.getMessage().contains("deeper than " + KryoCodec.MAX_DEPTH), e.getMessage());
        try (Output out = new Output(4096, -1)) {
            codec.encode(nested(KryoCodec.MAX_DEPTH - 10), out);
            assertEquals(nested(KryoCodec.MAX_DEPTH - 10), codec.decode(out.toBytes()));
        }
    }
}
