package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;

/** Writes a stack frame through its public accessors: its fields are closed to reflection since Java 16. */
final class StackTraceElementSerializer extends ImmutableSerializer<StackTraceElement> {
    @Override
    public void write(Kryo kryo, Output output, StackTraceElement e) {
        output.writeString(e.getClassLoaderName());
        output.writeString(e.getModuleName());
        output.writeString(e.getModuleVersion());
        output.writeString(e.getClassName());
        output.writeString(e.getMethodName());
        output.writeString(e.getFileName());
        output.writeInt(e.getLineNumber(), false);
    }

    @Override
    public StackTraceElement read(Kryo kryo, Input input, Class<? extends StackTraceElement> type) {
        return new StackTraceElement(input.readString(), input.readString(), input.readString(), input.readString(),
                input.readString(), input.readString(), input.readInt(false));
    }
}
