package dev.isolates.protocol;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classes a supervisor decodes from an untrusted isolate (a plugin): JDK value types,
 * collections, arrays of them, the protocol's own types (which travel by registration id, not
 * by name), and {@code dev.isolates.json.JsonDocument}, whose serializer reads only a transfer
 * handle and whose tape is checked before it is read. A name outside it is refused before any class is loaded, so a plugin cannot make the
 * supervisor run a static initializer or a gadget of its choosing.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class AllowList {
    private static final Set<String> NAMES = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Void",
            "java.math.BigInteger", "java.math.BigDecimal", "java.util.UUID",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong",
            "java.util.OptionalDouble", "java.util.Arrays$ArrayList", "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap", "java.util.Collections$EmptySet", "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonMap", "java.util.Collections$SingletonSet",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableSortedSet",
            "java.util.Collections$UnmodifiableSortedMap",
            "dev.isolates.json.JsonDocument");
    private static final Pattern IMMUTABLE = Pattern.compile("java\\.util\\.ImmutableCollections\\$[A-Za-z0-9]+");
    private static final Pattern TIME = Pattern.compile("java\\.time\\.[A-Z][A-Za-z]*");
    private static final Pattern ARRAY = Pattern.compile("\\[+([ZBCSIJFD]|L(.+);)");

    private AllowList() {
    }

    /** True when a class of this binary name may be decoded from an untrusted isolate. */
    public static boolean allows(String className) {
        if (NAMES.contains(className) || IMMUTABLE.matcher(className).matches() || TIME.matcher(className).matches()) {
            return true;
        }
        var array = ARRAY.matcher(className);
        if (array.matches()) {
            return array.group(2) == null || allows(array.group(2));
        }
        return false;
    }
}
