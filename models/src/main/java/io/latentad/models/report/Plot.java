package io.latentad.models.report;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A rendered chart: the image, the same figure as SVG, and the legend entries drawn on it (for
 * checks and captions).
 *
 * @param image  the chart, RGB
 * @param legend the legend entries in drawing order (empty when the chart has none)
 * @param svg    the same chart as an SVG document ({@link SvgGraphics} records it while the image is drawn)
 */
public record Plot(BufferedImage image, List<String> legend, String svg) {
    public Plot {
        legend = List.copyOf(legend);
        if (svg == null || svg.isEmpty()) throw new IllegalArgumentException("a plot without its SVG");
    }

    /** The plot drawn on {@code img} through {@code g} (from {@link #graphics}), which recorded its SVG. */
    static Plot of(BufferedImage img, Graphics2D g, List<String> legend) {
        String svg = ((SvgGraphics) g).svg();
        g.dispose();
        return new Plot(img, legend, svg);
    }

    /** Writes the PNG at {@code png} and the SVG beside it (the same name ending in .svg). */
    public void writePngAndSvg(Path png) throws IOException {
        String name = png.getFileName().toString();
        if (!name.endsWith(".png")) throw new IllegalArgumentException(png + ": expected a .png file name");
        writePng(png);
        writeSvg(png.resolveSibling(name.substring(0, name.length() - 4) + ".svg"));
    }

    /** Writes the SVG, creating the parent directory. */
    public void writeSvg(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(path, svg, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes the image as PNG, creating the parent directory. */
    public void writePng(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", path.toFile())) throw new IOException("no PNG writer available for " + path);
    }

    /**
     * A white canvas with antialiasing on. Sets {@code java.awt.headless=true} unless the caller
     * chose otherwise, so rendering works on a machine without a display.
     */
    static BufferedImage canvas(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("image " + width + "x" + height + ": expected at least 200x150");
        }
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** Graphics drawing on {@code img} and recording the same marks as SVG (see {@link #of}). */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return new SvgGraphics(g, img.getWidth(), img.getHeight());
    }
}
