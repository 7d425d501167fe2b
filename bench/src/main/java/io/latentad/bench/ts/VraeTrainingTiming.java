package io.latentad.bench.ts;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * VRAE training speed beside {@code ../shared/peers/torch_vrae.py} (run through {@code bench/scripts/torch_vrae_cpu.py}
 * for its CPU time): {@code vrae} at its defaults (batch 32, latent 5) with {@code validation=0} on the 4,500 ECG5000
 * TEST beats, one line per epoch with the wall time, the calling thread's CPU time and the process's CPU time (JIT
 * and GC threads included) of that epoch, each as sequences per second. On a shared machine the CPU times are the
 * figures to compare; with {@code -Dlatentad.threads=1} the whole training runs on the calling thread.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dlatentad.threads=1 -cp bench/target/benchmarks.jar
 * io.latentad.bench.ts.VraeTrainingTiming DIR HIDDEN [epochs] [extra k=v,...]}
 */
public final class VraeTrainingTiming {
    private VraeTrainingTiming() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ecg5000");
        String hidden = args.length > 1 ? args[1] : "128";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Map<String, String> p = new LinkedHashMap<>();
        if (args.length > 3 && !args[3].isEmpty()) {
            for (String kv : args[3].split(",")) p.put(kv.split("=")[0], kv.split("=")[1]);
        }
        p.put("hidden", hidden);
        p.put("epochs", Integer.toString(epochs));
        p.putIfAbsent("validation", "0");
        Dataset data = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TEST.txt")).load(CsvOptions.defaults()).withLabels(null, null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] last = {System.nanoTime(), threads.getCurrentThreadCpuTime(), os.getProcessCpuTime()};
        int rows = data.rows();
        AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"), p), data, line -> {
            if (!line.startsWith("epoch")) return;
            long[] now = {System.nanoTime(), threads.getCurrentThreadCpuTime(), os.getProcessCpuTime()};
            System.out.printf(Locale.ROOT, "latentad vrae H=%s threads=%s %s | wall %.0f, thread CPU %.0f, process CPU %.0f sequences/s%n",
                    hidden, System.getProperty("latentad.threads", "default"), line.replaceAll(" +ETA.*", ""),
                    rows / ((now[0] - last[0]) / 1e9), rows / ((now[1] - last[1]) / 1e9), rows / ((now[2] - last[2]) / 1e9));
            System.arraycopy(now, 0, last, 0, 3);
        });
    }
}
