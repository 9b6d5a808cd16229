package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code Collections.unmodifiable*} wrappers: Kryo writes them field by field but cannot fill
 * them when reading, so they travel as a copy of their contents and are wrapped again.
 */
final class UnmodifiableSerializers {
    private UnmodifiableSerializers() {
    }

    static void register(Kryo kryo) {
        Function<Collection<?>, Collection<?>> asList = c -> Collections.unmodifiableList(new ArrayList<>(c));
        kryo.addDefaultSerializer(Collections.unmodifiableList(new ArrayList<>()).getClass(), new Wrapped(asList));
        kryo.addDefaultSerializer(Collections.unmodifiableList(new LinkedList<>()).getClass(), new Wrapped(asList));
        kryo.addDefaultSerializer(Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
                new Wrapped(c -> Collections.unmodifiableCollection(new ArrayList<>(c))));
        kryo.addDefaultSerializer(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(),
                new Wrapped(c -> Collections.unmodifiableSet(new LinkedHashSet<>(c))));
        kryo.addDefaultSerializer(Collections.unmodifiableSortedSet(new TreeSet<>()).getClass(),
                new Wrapped(c -> Collections.unmodifiableSortedSet(new TreeSet<>(c))));
        kryo.addDefaultSerializer(Collections.unmodifiableMap(new HashMap<>()).getClass(),
                new WrappedMap(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        kryo.addDefaultSerializer(Collections.unmodifiableSortedMap(new TreeMap<>()).getClass(),
                new WrappedMap(m -> Collections.unmodifiableSortedMap(new TreeMap<>(m))));
    }

    private static final class Wrapped extends Serializer<Collection<?>> {
        private final Function<Collection<?>, Collection<?>> wrap;

        Wrapped(Function<Collection<?>, Collection<?>> wrap) {
            super(false, true);
            this.wrap = wrap;
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<?> c) {
            kryo.writeClassAndObject(output, new ArrayList<>(c));
        }

        @Override
        public Collection<?> read(Kryo kryo, Input input, Class<? extends Collection<?>> type) {
            return wrap.apply((List<?>) kryo.readClassAndObject(input));
        }
    }

    private static final class WrappedMap extends Serializer<Map<?, ?>> {
        private final Function<Map<?, ?>, Map<?, ?>> wrap;

        WrappedMap(Function<Map<?, ?>, Map<?, ?>> wrap) {
            super(false, true);
            this.wrap = wrap;
        }

        @Override
        public void write(Kryo kryo, Output output, Map<?, ?> m) {
            kryo.writeClassAndObject(output, new LinkedHashMap<>(m));
        }

        @Override
        public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
            return wrap.apply((Map<?, ?>) kryo.readClassAndObject(input));
        }
    }

}
