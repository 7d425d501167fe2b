package io.latentad.models.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {
    @TempDir
    Path tmp;

    private String write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void rankingMetricsOfAHandMadeCase() throws IOException {
        // scores 0.1 0.4 0.35 0.8 against truth 0 0 1 1: the sklearn doc example, ROC-AUC = 0.75,
        // AP = 0.8333 (1/2 * 1 + 1/2 * 2/3)
        String s = write("s.csv", "index,score\n0,0.1\n1,0.4\n2,0.35\n3,0.8\n");
        String t = write("t.csv", "index,label\n3,1\n2,1\n1,0\n0,0\n");
        MainTest.Run r = run("eval", "--scores", s, "--truth", t, "--metrics", "roc_auc,ap");
        assertEquals(0, r.code(), r.err());
        assertEquals("roc_auc=0.7500000000\nap=0.8333333333\n", r.out().replace("\r", ""));
    }

    @Test
    void vmeasureReadsAPredictedClustering() throws IOException {
        String pred = write("p.csv", "index,label\n0,5\n1,5\n2,7\n3,7\n");
        String cls = write("c.csv", "index,label\n0,0\n1,0\n2,1\n3,1\n");
        MainTest.Run r = run("eval", "--scores", pred, "--truth", cls, "--metrics", "vmeasure,homogeneity");
        assertEquals(0, r.code(), r.err());
        assertEquals("vmeasure=1.000000000\nhomogeneity=1.000000000\n", r.out().replace("\r", ""));
    }

    @Test
    void emMvOfADetectorOnAFile() {
        MainTest.Run r = run("eval", "--detector", "ocsvm", "--data", "csv:" + MainTest.data("blobs.csv"),
                "--exclude", "outlier");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("em=") && lines[1].startsWith("mv="), r.out());
        double em = Double.parseDouble(lines[0].substring(3)), mv = Double.parseDouble(lines[1].substring(3));
        assertTrue(em > 0 && mv > 0, r.out());
    }

    @Test
    void badInputIsOneLine() throws IOException {
        String s = write("s.csv", "index,score\n0,0.1\n1,oops\n");
        String t = write("t.csv", "index,label\n0,0\n1,1\n");
        assertUserError(run("eval", "--scores", s, "--truth", t), "s.csv:3:2", "oops");
        assertUserError(run("eval", "--scores", tmp.resolve("missing.csv").toString(), "--truth", t), "missing.csv", "no such file");
        String short1 = write("one.csv", "index,score\n0,0.5\n");
        assertUserError(run("eval", "--scores", short1, "--truth", t), "1 rows", "2");
        String ok = write("ok.csv", "index,score\n0,0.1\n1,0.2\n");
        assertUserError(run("eval", "--scores", ok, "--truth", t, "--metrics", "nonsense"), "nonsense");
        assertUserError(run("eval", "--scores", ok), "--truth");
        assertUserError(run("eval", "--detector", "ocsvm"), "--data");
    }
}
