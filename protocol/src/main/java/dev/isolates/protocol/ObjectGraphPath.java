package dev.isolates.protocol;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where in an object graph the first denied object sits, as a path a person can read:
 * {@code captured arg$2 -> conn -> socket}. Runs only after encoding failed, so it costs nothing on
 * the normal path.
 */
final class ObjectGraphPath {
    private static final int MAX_DEPTH = 64;

    private final DenyList denyList;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<String> path = new ArrayDeque<>();

    private ObjectGraphPath(DenyList denyList) {
        this.denyList = denyList;
    }

    /** The path from {@code root} to the first denied object, or null if none is found. */
    static Found find(Object root, DenyList denyList) {
        return new ObjectGraphPath(denyList).visit(root, 0);
    }

    /** A denied object and the path to it. */
    record Found(String path, Class<?> type, String reason) {
    }

    private Found visit(Object value, int depth) {
        if (value == null || depth > MAX_DEPTH || !seen.add(value)) {
            return null;
        }
        Class<?> type = value.getClass();
        String reason = denyList.reason(type);
        if (reason != null) {
            return new Found(String.join(" -> ", path), type, reason);
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return null;
            }
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                Found f = child("[" + i + "]", Array.get(value, i), depth);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object element : c) {
                Found f = child("[" + i++ + "]", element, depth);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Found f = child("key " + shortText(e.getKey()), e.getKey(), depth);
                if (f == null) {
                    f = child("[" + shortText(e.getKey()) + "]", e.getValue(), depth);
                }
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        if (DenyList.isLambda(type)) {
            SerializedLambda lambda = serializedForm(value);
            if (lambda != null) {
                for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                    Found f = child("captured arg$" + (i + 1), lambda.getCapturedArg(i), depth);
                    if (f != null) {
                        return f;
                    }
                }
            }
            return null;
        }
        if (isJdkType(type)) {
            return null;
        }
        for (Field field : instanceFields(type)) {
            Object fieldValue;
            try {
                field.setAccessible(true);
                fieldValue = field.get(value);
            } catch (RuntimeException | IllegalAccessException e) {
                continue; // a field this module cannot open holds nothing we can name
            }
            Found f = child(fieldName(field), fieldValue, depth);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Found child(String segment, Object value, int depth) {
        path.addLast(segment);
        Found f = visit(value, depth + 1);
        path.removeLast();
        return f;
    }

    private static String fieldName(Field field) {
        String name = field.getName();
        if (name.startsWith("val$")) {
            return "captured " + name.substring(4);
        }
        if (name.startsWith("this$")) {
            return "enclosing instance";
        }
        return name;
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && !isJdkType(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) && !Modifier.isTransient(mod) && !f.getType().isPrimitive()) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    private static boolean isJdkType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static SerializedLambda serializedForm(Object lambda) {
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(lambda) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String shortText(Object key) {
        String s = String.valueOf(key);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
