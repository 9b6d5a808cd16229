package dev.isolates.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ByteSourceJsonBootstrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * A Jackson factory whose parsers of UTF-8 bytes are {@link RawStringParser}s. Input in another
 * encoding, and factories with field-name canonicalization off, get Jackson's own parsers.
 * Thread-safe, as Jackson's factories are.
 */
final class RawStringJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;
    private static final int UTF8_BOM_BYTES = 3;

    RawStringJsonFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    private RawStringJsonFactory(RawStringJsonFactory source) {
        super(source, null);
    }

    @Override
    public JsonFactory copy() {
        return new RawStringJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        if (!isUtf8(context, data, offset, length)) {
            return super._createParser(data, offset, length, context);
        }
        int bom = bomBytes(data, offset, length);
        return new RawStringParser(context, _parserFeatures, null, _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset + bom, offset + length, bom, false);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        byte[] buffer = context.allocReadIOBuffer();
        int n = 0;
        try {
            while (n < 4) {
                int read = in.read(buffer, n, buffer.length - n);
                if (read < 0) {
                    break;
                }
                n += read;
            }
        } catch (IOException | RuntimeException e) {
            context.releaseReadIOBuffer(buffer);
            throw e;
        }
        if (!isUtf8(context, buffer, 0, n)) {
            byte[] first = Arrays.copyOf(buffer, n);
            context.releaseReadIOBuffer(buffer);
            return super._createParser(new SequenceInputStream(new ByteArrayInputStream(first), in), context);
        }
        int bom = bomBytes(buffer, 0, n);
        return new RawStringParser(context, _parserFeatures, in, _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures), buffer, bom, n, bom, true);
    }

    /** Whether the input is UTF-8, as Jackson's own detection finds, and this factory canonicalizes names. */
    private boolean isUtf8(IOContext context, byte[] data, int offset, int length) throws IOException {
        if (!Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
            return false;
        }
        if (!Feature.CHARSET_DETECTION.enabledIn(_factoryFeatures)) {
            return true;
        }
        return new ByteSourceJsonBootstrapper(context, data, offset, length).detectEncoding() == JsonEncoding.UTF8;
    }

    private static int bomBytes(byte[] data, int offset, int length) {
        return length >= UTF8_BOM_BYTES && data[offset] == (byte) 0xEF && data[offset + 1] == (byte) 0xBB
                && data[offset + 2] == (byte) 0xBF ? UTF8_BOM_BYTES : 0;
    }
}
