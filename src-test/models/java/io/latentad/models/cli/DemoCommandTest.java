package io.latentad.models.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.data;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void smallDemoOnTheEmbeddedTradesWritesAReport() throws Exception {
        MainTest.Run r = run("demo", "--rows", "400", "--epochs", "2", "--k", "2..4", "--quiet",
                "--param", "hidden=16", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CL-VAE gamma=0.3") && r.out().contains("report: "), r.out());
        assertTrue(Files.exists(tmp.resolve("report.md")) && Files.exists(tmp.resolve("report.json")));
        // the reconstruction-error anomalies name the trades' own columns that contribute most, with their shares
        String md = Files.readString(tmp.resolve("report.md"));
        int at = md.indexOf("anomalies by reconstruction error: CL-VAE");
        assertTrue(at > 0, md);
        String table = md.substring(at, md.indexOf("\n## ", at + 1));
        assertTrue(table.matches("(?s).*\\| (trader|instrument|currency|counterparty|portfolio|nominal|margin|maturity_days) \\d+%, .*"), table);
        assertTrue(Files.readString(tmp.resolve("report.json")).contains("\"why\""));
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo() {
        assertUserError(run("demo", "--data", "csv:" + tmp.resolve("nope.csv"), "--label", "x", "--out", tmp.toString()),
                "nope.csv");
        assertUserError(run("demo", "--data", "parquet:/x", "--out", tmp.toString()), "parquet:/x");
        assertUserError(run("demo", "--data", "csv:" + data("blobs.csv"), "--out", tmp.toString()), "--label");
        assertUserError(run("demo", "--data", "csv:" + data("blobs.csv"), "--label", "nosuch", "--out", tmp.toString()),
                "nosuch");
        assertUserError(run("demo", "--k", "5..2", "--out", tmp.toString()), "--k 5..2");
        assertUserError(run("demo", "--epochs", "0", "--out", tmp.toString()), "epochs");
    }
}
