package io.latentad.models.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --param net=conv} on idx images, and {@code score --pixel-errors / --maps} (issue 15). */
class AnomalyMapsCommandTest {
    @TempDir
    Path tmp;
    Path model;
    String dir;

    @BeforeEach
    void trainOne() {
        dir = MainTest.data("idx");
        model = tmp.resolve("conv.lam");
        MainTest.Run r = run("train", "--model", "dae", "--data", "idx:" + dir, "--epochs", "2", "--quiet", "--param", "net=conv",
                "--param", "channels=2", "--param", "latent=2", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void pixelErrorsSumToTheReconScoreAndTheMapsArePng() throws IOException {
        Path scores = tmp.resolve("s.csv"), pixels = tmp.resolve("p.csv"), png = tmp.resolve("maps.png");
        MainTest.Run r = run("score", "--model", model.toString(), "--data", "idx-test:" + dir, "--scorer", "recon",
                "--out", scores.toString(), "--pixel-errors", pixels.toString(), "--maps", png.toString(), "--maps-top", "5");
        assertEquals(0, r.code(), r.err());
        List<String> s = Files.readAllLines(scores), p = Files.readAllLines(pixels);
        assertEquals("index,e0,e1,e2,e3,e4,e5", p.get(0)); // 2 x 3 images
        assertEquals(3, p.size());
        for (int i = 1; i < 3; i++) {
            String[] f = p.get(i).split(",");
            double sum = 0;
            for (int j = 1; j < f.length; j++) {
                double e = Double.parseDouble(f[j]);
                assertTrue(e >= 0, p.get(i));
                sum += e;
            }
            double score = Double.parseDouble(s.get(i).split(",")[1]);
            assertEquals(score, sum, 1e-9 * Math.max(1, score), "row " + i + ": the recon score is the sum of the pixel errors");
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 200 && img.getHeight() >= 150, img.getWidth() + " x " + img.getHeight());
        String svg = Files.readString(tmp.resolve("maps.svg"));
        assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, Math.min(80, svg.length())));
        assertTrue(svg.contains("reconstruction"), "the SVG carries the panel titles");
    }

    @Test
    void mapsOfRowsOrBadOptionsExitTwo() throws IOException {
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, AeCommandsTest.csv(40, 1, ""));
        Path rowsModel = tmp.resolve("rows.lam");
        assertEquals(0, run("train", "--model", "ae", "--data", "csv:" + csv, "--exclude", "cls", "--epochs", "1", "--quiet",
                "--save", rowsModel.toString()).code());
        Path png = tmp.resolve("m.png");
        assertUserError(run("score", "--model", rowsModel.toString(), "--data", "csv:" + csv, "--exclude", "cls", "--scorer", "recon",
                "--maps", png.toString()), "--maps needs image samples", "row 4");
        assertFalse(Files.exists(png));
        assertUserError(run("score", "--model", model.toString(), "--data", "idx-test:" + dir, "--scorer", "recon",
                "--maps", tmp.resolve("m.txt").toString()), "expected a .png");
        assertUserError(run("score", "--model", model.toString(), "--data", "idx-test:" + dir, "--scorer", "recon",
                "--maps", png.toString(), "--maps-top", "0"), "--maps-top 0");
    }

    @Test
    void convOnRowsOrAMismatchedImageExitsTwo() throws IOException {
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, AeCommandsTest.csv(40, 1, ""));
        assertUserError(run("train", "--model", "ae", "--data", "csv:" + csv, "--exclude", "cls", "--epochs", "1", "--quiet",
                "--param", "net=conv", "--save", tmp.resolve("x.lam").toString()), "images", "row 4");
        assertUserError(run("train", "--model", "ae", "--data", "csv:" + csv, "--exclude", "cls", "--epochs", "1", "--quiet",
                "--param", "net=conv", "--param", "image=1x2x3", "--save", tmp.resolve("x.lam").toString()), "1x2x3", "6", "(4");
        assertEquals(0, run("train", "--model", "vae", "--data", "csv:" + csv, "--exclude", "cls", "--epochs", "1", "--quiet",
                "--param", "net=conv", "--param", "image=1x2x2", "--param", "channels=2", "--save", tmp.resolve("x.lam").toString()).code());
        // rows of pixels scored by the image model: the maps read the image shape from the network
        Path png = tmp.resolve("rows.png");
        MainTest.Run r = run("score", "--model", tmp.resolve("x.lam").toString(), "--data", "csv:" + csv, "--exclude", "cls",
                "--scorer", "recon", "--out", tmp.resolve("s.csv").toString(), "--maps", png.toString(), "--maps-top", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(png) > 0);
    }
}
