package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * A Kryo that refuses denied types. Every write path (class writes, field serializers, collection
 * elements) asks {@link #getRegistration(Class)}, so one check here covers the whole graph.
 */
final class DenyingKryo extends Kryo {
    private final DenyList denyList;

    DenyingKryo(DenyList denyList) {
        this.denyList = denyList;
    }

    DenyingKryo(DenyList denyList, com.esotericsoftware.kryo.ClassResolver resolver) {
        super(resolver, new com.esotericsoftware.kryo.util.MapReferenceResolver());
        this.denyList = denyList;
    }

    @Override
    @SuppressWarnings("rawtypes") // Kryo's own signature
    public Registration getRegistration(Class type) {
        if (type != null) {
            String reason = denyList.reason(type);
            if (reason != null) {
                // Kryo also asks for the declared type of a null final field: refuse only real objects.
                return new Registration(type, new Refusing(type, reason), DefaultClassResolver.NAME);
            }
        }
        return super.getRegistration(type);
    }

    /** Stands in for a denied type's serializer: throws when an object of it is written or read. */
    private static final class Refusing extends Serializer<Object> {
        private final Class<?> type;
        private final String reason;

        Refusing(Class<?> type, String reason) {
            this.type = type;
            this.reason = reason;
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            throw new DeniedTypeException(type, reason);
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<?> t) {
            throw new DeniedTypeException(type, reason);
        }
    }

    /** Raised inside Kryo; the codec turns it into an {@link UnsendableObjectException} with a path. */
    static final class DeniedTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Class<?> type;
        private final String reason;

        DeniedTypeException(Class<?> type, String reason) {
            super(type.getName() + ": " + reason, null, false, false);
            this.type = type;
            this.reason = reason;
        }

        Class<?> type() {
            return type;
        }

        String reason() {
            return reason;
        }
    }
}
