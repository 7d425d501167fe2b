package io.latentad.engine.kernel;

import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

class CompileWaitTest {
    private static String printDirectives() throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }

    @Test
    void theVectorKernelsInstallTheForegroundCompileDirective() throws Exception {
        // the build's JVMs are HotSpot with the Vector API module, where the directive must be in place
        assertTrue(Kernels.simd(), "the tests run with --add-modules jdk.incubator.vector");
        String printed = printDirectives();
        assertTrue(printed.contains("jdk/incubator/vector/*.*"), printed);
        assertTrue(printed.contains("io/latentad/engine/*.*"), printed);
        // once per JVM: installing again adds a second copy, which is harmless; the count is what jcmd reports
        assertEquals("on", CompileWait.install());
    }

    @Test
    void theSwitchAcceptsTrueAndFalseAndNamesABadValue() {
        String before = System.getProperty("latentad.jitWait");
        try {
            System.setProperty("latentad.jitWait", "false");
            assertFalse(KernelSettings.jitWait());
            assertEquals("off", CompileWait.install());
            System.setProperty("latentad.jitWait", " TRUE ");
            assertTrue(KernelSettings.jitWait());
            System.setProperty("latentad.jitWait", "sometimes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelSettings::validate);
            assertEquals("-Dlatentad.jitWait=sometimes: expected true or false", e.getMessage());
        } finally {
            if (before == null) System.clearProperty("latentad.jitWait");
            else System.setProperty("latentad.jitWait", before);
        }
    }
}
