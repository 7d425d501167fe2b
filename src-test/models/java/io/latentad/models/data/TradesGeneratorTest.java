package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradesGeneratorTest {
    private static final TradesGenerator.Options SMALL = TradesGenerator.Options.defaults(7).withRows(4000);

    @Test
    void sameSeedGivesTheSameTextAndAnotherSeedDoesNot() {
        assertEquals(TradesGenerator.csv(SMALL), TradesGenerator.csv(SMALL));
        assertNotEquals(TradesGenerator.csv(SMALL), TradesGenerator.csv(TradesGenerator.Options.defaults(8).withRows(4000)));
    }

    @Test
    void readsBackThroughTheCsvReaderWithTheTruthKeptOutOfTheFeatures() {
        CsvTable t = TradesGenerator.table("trades", SMALL);
        assertArrayEquals(TradesGenerator.HEADER, t.header());
        assertEquals(4000, t.rows().size());
        Dataset d = FeatureEncoder.fit(t, CsvOptions.defaults().withLabel("trader").withExclude(Set.of("is_anomaly"))).transform(t);
        assertEquals(4000, d.rows());
        assertEquals(20, d.classes().length);
        for (String f : d.featureNames()) assertTrue(!f.startsWith("is_anomaly") && !f.startsWith("trader"), f);
        // nominal, margin and maturity_days are numeric; the four text columns one-hot
        assertTrue(java.util.Arrays.asList(d.featureNames()).contains("nominal"));
        assertTrue(java.util.Arrays.asList(d.featureNames()).contains("instrument=FX_SPOT"));
        assertEquals(4000, d.excluded().get("is_anomaly").length);
    }

    @Test
    void tradersAreUnbalanced() {
        CsvTable t = TradesGenerator.table("trades", TradesGenerator.Options.defaults(3));
        Map<String, Integer> count = new HashMap<>();
        for (String[] r : t.rows()) count.merge(r[0], 1, Integer::sum);
        int max = count.values().stream().max(Integer::compare).orElseThrow();
        int min = count.values().stream().min(Integer::compare).orElseThrow();
        assertEquals(20, count.size());
        // Zipf 1 over 20 traders: the largest has ~28% of 10,000, the smallest ~1.4%
        assertTrue(max > 2000 && max < 3600, "largest trader " + max);
        assertTrue(min > 60 && min < 250, "smallest trader " + min);
        assertTrue(max > 10 * min);
    }

    @Test
    void truthMarksAnomaliesAndMislabelsAndCellsGoMissing() {
        CsvTable t = TradesGenerator.table("trades", TradesGenerator.Options.defaults(11));
        int truth = 0, missing = 0, cells = 0;
        for (String[] r : t.rows()) {
            if (r[8].equals("1")) truth++;
            else assertEquals("0", r[8]);
            for (int c = 1; c <= 7; c++) {
                cells++;
                if (r[c].isEmpty()) missing++;
            }
            assertTrue(!r[0].isEmpty(), "the label is never missing");
        }
        assertEquals(100 + 50, truth, "1% anomalies + 0.5% mislabelled rows of 10,000");
        double share = missing / (double) cells;
        assertTrue(share > 0.007 && share < 0.013, "missing share " + share);
    }

    @Test
    void injectedAnomaliesAreUnusualForTheirTrader() {
        // the normal rows of a trader concentrate on few instruments; the anomalies of the
        // instrument/currency kind use values of low frequency for that trader, so the median
        // frequency of an anomaly's (trader, instrument) pair is much lower than a normal row's
        CsvTable t = TradesGenerator.table("trades", TradesGenerator.Options.defaults(5).withRows(20_000));
        Map<String, Integer> pair = new HashMap<>();
        for (String[] r : t.rows()) if (r[8].equals("0")) pair.merge(r[0] + "|" + r[1], 1, Integer::sum);
        double normal = 0, anomalous = 0;
        int nn = 0, na = 0;
        for (String[] r : t.rows()) {
            double nominal = r[5].isEmpty() ? Double.NaN : Double.parseDouble(r[5]);
            double margin = r[6].isEmpty() ? Double.NaN : Double.parseDouble(r[6]);
            if (Double.isNaN(nominal) || Double.isNaN(margin)) continue;
            double lr = Math.abs(Math.log(margin / nominal));
            if (r[8].equals("0")) {
                normal += pair.getOrDefault(r[0] + "|" + r[1], 0);
                nn++;
            } else {
                anomalous += pair.getOrDefault(r[0] + "|" + r[1], 0);
                na++;
            }
            assertTrue(lr < 20, "margin / nominal stays finite: " + lr);
        }
        assertTrue(anomalous / na < 0.8 * (normal / nn), "anomaly pair frequency " + anomalous / na + " vs " + normal / nn);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new TradesGenerator.Options(0, 20, 1, 1, 0.01, 0.005, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new TradesGenerator.Options(10, 1, 1, 1, 0.01, 0.005, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new TradesGenerator.Options(10, 20, 1, -1, 0.01, 0.005, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new TradesGenerator.Options(10, 20, 1, 1, 0.6, 0.005, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new TradesGenerator.Options(10, 20, 1, 1, 0.01, 0.3, 0.3));
    }
}
