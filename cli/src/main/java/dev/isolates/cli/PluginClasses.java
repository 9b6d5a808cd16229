package dev.isolates.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads and makes the plugin classes of the command line, inside an isolate only. */
final class PluginClasses {
    private static final Map<String, Object> INSTANCES = new ConcurrentHashMap<>();

    private PluginClasses() {
    }

    static Class<?> load(String className) {
        return load(className, true);
    }

    /** The class; with {@code initialize} false, none of its code (static initializers) runs yet. */
    static Class<?> load(String className, boolean initialize) {
        try {
            Class<?> c = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return initialize ? initialize(c) : c;
        } catch (ClassNotFoundException e) {
            throw new PluginClassException("class " + className + " is not on the isolate's classpath ("
                    + PluginClassLoader.classpathEntries(Thread.currentThread().getContextClassLoader())
                    + " entries); give its jar or folder with --classpath");
        }
    }

    /**
     * {@code c}, its static initializers run.
     *
     * @throws PluginClassException if one threw: the class cannot be used, and the message is its cause's
     */
    static Class<?> initialize(Class<?> c) {
        try {
            return Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PluginClassException("class " + c.getName() + " cannot be used: its static initializer threw "
                    + cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (NoClassDefFoundError e) {
            // An earlier attempt in this JVM failed; the JVM does not try again.
            throw new PluginClassException("class " + c.getName() + " cannot be used: " + e.getMessage());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + c.getName() + " was loaded, yet cannot be found again", e);
        }
    }

    /** One instance of {@code className} per isolate, made with its no-argument constructor. */
    static <T> T instance(String className, Class<T> type) {
        Object o = INSTANCES.computeIfAbsent(className, n -> make(load(n), type));
        return type.cast(o);
    }

    static Object make(Class<?> c, Class<?> type) {
        if (!type.isAssignableFrom(c)) {
            throw new PluginClassException("class " + c.getName() + " does not implement " + type.getName());
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginClassException("class " + c.getName() + " needs a no-argument constructor");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PluginClassException("could not make an instance of " + c.getName() + ": " + cause);
        }
    }

    /** The class's {@code public static void main(String[])}, or null. */
    static Method main(Class<?> c) {
        try {
            Method m = c.getMethod("main", String[].class);
            return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
