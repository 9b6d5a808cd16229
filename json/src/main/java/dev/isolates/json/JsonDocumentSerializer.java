package dev.isolates.json;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.isolates.TransferableBuffer;

/**
 * How a {@link JsonDocument} travels between isolates: as its {@link TransferableBuffer}'s handle,
 * never as the tape's bytes (unless the tape is on the main isolate's heap). Kryo finds it through
 * the annotation on {@code JsonDocument}; programs do not use it directly.
 */
public final class JsonDocumentSerializer extends Serializer<JsonDocument> {
    /** The serializer Kryo makes for {@code JsonDocument}. */
    public JsonDocumentSerializer() {
    }

    @Override
    public void write(Kryo kryo, Output output, JsonDocument document) {
        kryo.writeObject(output, document.forSending());
    }

    @Override
    public JsonDocument read(Kryo kryo, Input input, Class<? extends JsonDocument> type) {
        return JsonDocument.received(kryo.readObject(input, TransferableBuffer.class));
    }
}
