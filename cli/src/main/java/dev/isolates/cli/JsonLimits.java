package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The limits of {@code isolatectl json}, the same in every output mode: a file over one fails with
 * an error that names it. They are Jackson's defaults, set here so that they are the command's
 * own and do not move with the Jackson version.
 */
final class JsonLimits {
    /** Nesting of arrays and objects. */
    static final int MAX_DEPTH = 1000;
    /** Characters of one string value. */
    static final int MAX_STRING_CHARS = 20_000_000;
    /** Characters of one object member's name. */
    static final int MAX_NAME_CHARS = 50_000;
    /** Characters of one number as written. */
    static final int MAX_NUMBER_CHARS = 1000;

    private JsonLimits() {
    }

    /** A factory whose parsers enforce these limits. Safe to share between threads. */
    static JsonFactory factory() {
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .build()).build();
    }
}
