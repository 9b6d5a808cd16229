package dev.isolates.launcher;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the {@linkplain JdkFlags#moduleFlags(int) module flags} a JVM lacks, asked of the JVM
 * itself: without them Chronicle cannot map its queue files (it logs an
 * {@code IllegalAccessException} for {@code FileChannelImpl.map0} and no isolate ever connects).
 * The flags may come from the command line, {@code JDK_JAVA_OPTIONS}, or an executable jar's
 * manifest; only the JVM knows which took effect.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ModuleAccess {
    private ModuleAccess() {
    }

    /** The module flags for this JDK that {@code target} (an unnamed module, say) does not have in effect. */
    public static List<String> missing(Module target) {
        List<String> missing = new ArrayList<>();
        for (String flag : JdkFlags.moduleFlags(Runtime.version().feature())) {
            if (!inEffect(flag, target)) {
                missing.add(flag);
            }
        }
        return missing;
    }

    /** The module flags this JVM lacks for the unnamed module of {@code libraryClass}'s class loader. */
    public static List<String> missingFor(Class<?> libraryClass) {
        ClassLoader loader = libraryClass.getClassLoader();
        Module target = loader != null ? loader.getUnnamedModule() : libraryClass.getModule();
        return missing(target);
    }

    private static boolean inEffect(String flag, Module target) {
        if (flag.startsWith("--add-opens=") || flag.startsWith("--add-exports=")) {
            String what = flag.substring(flag.indexOf('=') + 1, flag.lastIndexOf('=')); // java.base/java.lang.reflect
            String moduleName = what.substring(0, what.indexOf('/'));
            String pkg = what.substring(what.indexOf('/') + 1);
            Module module = ModuleLayer.boot().findModule(moduleName).orElse(null);
            if (module == null) {
                return true; // nothing to open
            }
            return flag.startsWith("--add-opens=") ? module.isOpen(pkg, target) : module.isExported(pkg, target);
        }
        if (flag.startsWith("--enable-native-access=")) {
            return nativeAccessEnabled(target);
        }
        return true; // --sun-misc-unsafe-memory-access: a warning when missing, and no API tells it
    }

    /** {@code Module.isNativeAccessEnabled()}, Java 22 and later; this code compiles for Java 17. */
    private static boolean nativeAccessEnabled(Module target) {
        try {
            Method m = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean) m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // no such check on this JDK: nothing to refuse
        }
    }
}
