package io.latentad.models.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Graphics2D} that draws on a raster one (the PNG) and records the same marks as SVG: the
 * charts draw once and give both files, so the two always show the same figure. Every call is passed
 * to the raster graphics, which keeps the state (colour, font, stroke, transform, clip) and measures
 * text; the marks the charts use (lines, rectangles, shapes, ovals, polygons, text) are also written
 * as SVG elements with that state. Images are not recorded (the charts draw none). Text is placed
 * where Java's font metrics put it; an SVG viewer's sans-serif may run slightly wider or narrower.
 */
final class SvgGraphics extends Graphics2D {
    private final Graphics2D d;
    private final int width, height;
    private final StringBuilder body = new StringBuilder();
    private final Map<String, String> clips = new LinkedHashMap<>();

    SvgGraphics(Graphics2D raster, int width, int height) {
        this.d = raster;
        this.width = width;
        this.height = height;
    }

    /** The SVG document of everything drawn so far. */
    String svg() {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
        if (!clips.isEmpty()) {
            s.append("<defs>\n");
            for (Map.Entry<String, String> c : clips.entrySet()) {
                s.append("<clipPath id=\"").append(c.getValue()).append("\">").append(c.getKey()).append("</clipPath>\n");
            }
            s.append("</defs>\n");
        }
        return s.append(body).append("</svg>\n").toString();
    }

    private void shape(Shape s, boolean fill) {
        String el;
        if (s instanceof Ellipse2D e && e.getWidth() == e.getHeight()) {
            el = "<circle cx=\"" + num(e.getCenterX()) + "\" cy=\"" + num(e.getCenterY()) + "\" r=\"" + num(e.getWidth() / 2) + "\"";
        } else if (s instanceof Rectangle2D r) {
            el = "<rect x=\"" + num(r.getX()) + "\" y=\"" + num(r.getY()) + "\" width=\"" + num(r.getWidth()) + "\" height=\""
                    + num(r.getHeight()) + "\"";
        } else {
            el = "<path d=\"" + path(s) + "\"";
        }
        body.append(el).append(paint(fill)).append(state()).append("/>\n");
    }

    private void text(String s, float x, float y) {
        if (s == null || s.isEmpty()) return;
        Font f = d.getFont();
        body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-family=\"")
                .append(family(f)).append("\" font-size=\"").append(f.getSize2D()).append('"')
                .append(f.isBold() ? " font-weight=\"bold\"" : "").append(f.isItalic() ? " font-style=\"italic\"" : "")
                .append(paint(true)).append(state()).append('>').append(escape(s)).append("</text>\n");
    }

    private static String family(Font f) {
        String n = f.getFamily(Locale.ROOT);
        if (n.equalsIgnoreCase(Font.SANS_SERIF) || n.equalsIgnoreCase("Dialog")) return "sans-serif";
        if (n.equalsIgnoreCase(Font.SERIF)) return "serif";
        if (n.equalsIgnoreCase(Font.MONOSPACED) || n.equalsIgnoreCase("DialogInput")) return "monospace";
        return escape(n) + ", sans-serif";
    }

    /** Fill or stroke in the current colour (with its opacity) and, for strokes, the line width. */
    private String paint(boolean fill) {
        Color c = d.getColor();
        String rgb = String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        String alpha = c.getAlpha() == 255 ? "" : String.format(Locale.ROOT, "%.3f", c.getAlpha() / 255.0);
        if (fill) return " fill=\"" + rgb + "\"" + (alpha.isEmpty() ? "" : " fill-opacity=\"" + alpha + "\"");
        float w = d.getStroke() instanceof BasicStroke b ? b.getLineWidth() : 1f;
        return " fill=\"none\" stroke=\"" + rgb + "\" stroke-width=\"" + num(Math.max(w, 1f)) + "\""
                + (alpha.isEmpty() ? "" : " stroke-opacity=\"" + alpha + "\"");
    }

    /** The current transform and clip as attributes. */
    private String state() {
        StringBuilder a = new StringBuilder();
        Shape clip = d.getClip();
        if (clip != null) {
            Rectangle2D r = clip.getBounds2D();
            String key = "<rect x=\"" + num(r.getX()) + "\" y=\"" + num(r.getY()) + "\" width=\"" + num(r.getWidth()) + "\" height=\""
                    + num(r.getHeight()) + "\"/>";
            String id = clips.computeIfAbsent(key, k -> "clip" + clips.size());
            a.append(" clip-path=\"url(#").append(id).append(")\"");
        }
        AffineTransform t = d.getTransform();
        if (!t.isIdentity()) {
            a.append(" transform=\"matrix(").append(num(t.getScaleX())).append(' ').append(num(t.getShearY())).append(' ')
                    .append(num(t.getShearX())).append(' ').append(num(t.getScaleY())).append(' ').append(num(t.getTranslateX()))
                    .append(' ').append(num(t.getTranslateY())).append(")\"");
        }
        return a.toString();
    }

    private static String path(Shape s) {
        StringBuilder p = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> p.append('M').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_LINETO -> p.append('L').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_QUADTO -> p.append('Q').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3]));
                case PathIterator.SEG_CUBICTO -> p.append('C').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3])).append(' ').append(num(c[4])).append(' ').append(num(c[5]));
                default -> p.append('Z');
            }
        }
        return p.toString();
    }

    /** A coordinate with at most two decimals, no trailing zeros. */
    static String num(double v) {
        long r = Math.round(v * 100);
        if (r % 100 == 0) return Long.toString(r / 100);
        String s = String.format(Locale.ROOT, "%.2f", r / 100.0);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- everything else goes to the raster graphics (generated from Graphics2D's abstract methods) ----

    @Override
    public void scale(double a0, double a1) {
        d.scale(a0, a1);
    }

    @Override
    public void fill(java.awt.Shape a0) {
        d.fill(a0);
        shape(a0, true);
    }

    @Override
    public void transform(java.awt.geom.AffineTransform a0) {
        d.transform(a0);
    }

    @Override
    public void rotate(double a0) {
        d.rotate(a0);
    }

    @Override
    public void rotate(double a0, double a1, double a2) {
        d.rotate(a0, a1, a2);
    }

    @Override
    public boolean hit(java.awt.Rectangle a0, java.awt.Shape a1, boolean a2) {
        return d.hit(a0, a1, a2);
    }

    @Override
    public void translate(double a0, double a1) {
        d.translate(a0, a1);
    }

    @Override
    public void translate(int a0, int a1) {
        d.translate(a0, a1);
    }

    @Override
    public java.awt.Paint getPaint() {
        return d.getPaint();
    }

    @Override
    public void setPaint(java.awt.Paint a0) {
        d.setPaint(a0);
    }

    @Override
    public void draw(java.awt.Shape a0) {
        d.draw(a0);
        shape(a0, false);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, java.awt.geom.AffineTransform a1, java.awt.image.ImageObserver a2) {
        return d.drawImage(a0, a1, a2);
    }

    @Override
    public void drawImage(java.awt.image.BufferedImage a0, java.awt.image.BufferedImageOp a1, int a2, int a3) {
        d.drawImage(a0, a1, a2, a3);
    }

    @Override
    public void drawRenderedImage(java.awt.image.RenderedImage a0, java.awt.geom.AffineTransform a1) {
        d.drawRenderedImage(a0, a1);
    }

    @Override
    public void drawRenderableImage(java.awt.image.renderable.RenderableImage a0, java.awt.geom.AffineTransform a1) {
        d.drawRenderableImage(a0, a1);
    }

    @Override
    public void drawString(String a0, int a1, int a2) {
        d.drawString(a0, a1, a2);
        text(a0, a1, a2);
    }

    @Override
    public void drawString(String a0, float a1, float a2) {
        d.drawString(a0, a1, a2);
        text(a0, a1, a2);
    }

    @Override
    public void drawString(java.text.AttributedCharacterIterator a0, int a1, int a2) {
        d.drawString(a0, a1, a2);
    }

    @Override
    public void drawString(java.text.AttributedCharacterIterator a0, float a1, float a2) {
        d.drawString(a0, a1, a2);
    }

    @Override
    public void drawGlyphVector(java.awt.font.GlyphVector a0, float a1, float a2) {
        d.drawGlyphVector(a0, a1, a2);
    }

    @Override
    public java.awt.GraphicsConfiguration getDeviceConfiguration() {
        return d.getDeviceConfiguration();
    }

    @Override
    public void setComposite(java.awt.Composite a0) {
        d.setComposite(a0);
    }

    @Override
    public void setStroke(java.awt.Stroke a0) {
        d.setStroke(a0);
    }

    @Override
    public void setRenderingHint(java.awt.RenderingHints.Key a0, Object a1) {
        d.setRenderingHint(a0, a1);
    }

    @Override
    public Object getRenderingHint(java.awt.RenderingHints.Key a0) {
        return d.getRenderingHint(a0);
    }

    @Override
    public void setRenderingHints(java.util.Map<?, ?> a0) {
        d.setRenderingHints(a0);
    }

    @Override
    public void addRenderingHints(java.util.Map<?, ?> a0) {
        d.addRenderingHints(a0);
    }

    @Override
    public java.awt.RenderingHints getRenderingHints() {
        return d.getRenderingHints();
    }

    @Override
    public void shear(double a0, double a1) {
        d.shear(a0, a1);
    }

    @Override
    public void setTransform(java.awt.geom.AffineTransform a0) {
        d.setTransform(a0);
    }

    @Override
    public java.awt.geom.AffineTransform getTransform() {
        return d.getTransform();
    }

    @Override
    public java.awt.Composite getComposite() {
        return d.getComposite();
    }

    @Override
    public void setBackground(java.awt.Color a0) {
        d.setBackground(a0);
    }

    @Override
    public java.awt.Color getBackground() {
        return d.getBackground();
    }

    @Override
    public java.awt.Stroke getStroke() {
        return d.getStroke();
    }

    @Override
    public void clip(java.awt.Shape a0) {
        d.clip(a0);
    }

    @Override
    public java.awt.font.FontRenderContext getFontRenderContext() {
        return d.getFontRenderContext();
    }

    @Override
    public java.awt.Graphics create() {
        return d.create();
    }

    @Override
    public void setColor(java.awt.Color a0) {
        d.setColor(a0);
    }

    @Override
    public void dispose() {
        d.dispose();
    }

    @Override
    public java.awt.Color getColor() {
        return d.getColor();
    }

    @Override
    public void fillRect(int a0, int a1, int a2, int a3) {
        d.fillRect(a0, a1, a2, a3);
        shape(new java.awt.Rectangle(a0, a1, a2, a3), true);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, java.awt.Color a5, java.awt.image.ImageObserver a6) {
        return d.drawImage(a0, a1, a2, a3, a4, a5, a6);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, java.awt.image.ImageObserver a9) {
        return d.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, java.awt.Color a9, java.awt.image.ImageObserver a10) {
        return d.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, java.awt.Color a3, java.awt.image.ImageObserver a4) {
        return d.drawImage(a0, a1, a2, a3, a4);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, java.awt.image.ImageObserver a5) {
        return d.drawImage(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, java.awt.image.ImageObserver a3) {
        return d.drawImage(a0, a1, a2, a3);
    }

    @Override
    public void clipRect(int a0, int a1, int a2, int a3) {
        d.clipRect(a0, a1, a2, a3);
    }

    @Override
    public java.awt.Font getFont() {
        return d.getFont();
    }

    @Override
    public java.awt.FontMetrics getFontMetrics(java.awt.Font a0) {
        return d.getFontMetrics(a0);
    }

    @Override
    public void drawLine(int a0, int a1, int a2, int a3) {
        d.drawLine(a0, a1, a2, a3);
        shape(new java.awt.geom.Line2D.Float(a0, a1, a2, a3), false);
    }

    @Override
    public void drawPolygon(int[] a0, int[] a1, int a2) {
        d.drawPolygon(a0, a1, a2);
        shape(new java.awt.Polygon(a0, a1, a2), false);
    }

    @Override
    public void fillPolygon(int[] a0, int[] a1, int a2) {
        d.fillPolygon(a0, a1, a2);
        shape(new java.awt.Polygon(a0, a1, a2), true);
    }

    @Override
    public java.awt.Rectangle getClipBounds() {
        return d.getClipBounds();
    }

    @Override
    public void setPaintMode() {
        d.setPaintMode();
    }

    @Override
    public void setXORMode(java.awt.Color a0) {
        d.setXORMode(a0);
    }

    @Override
    public void setFont(java.awt.Font a0) {
        d.setFont(a0);
    }

    @Override
    public void setClip(java.awt.Shape a0) {
        d.setClip(a0);
    }

    @Override
    public void setClip(int a0, int a1, int a2, int a3) {
        d.setClip(a0, a1, a2, a3);
    }

    @Override
    public java.awt.Shape getClip() {
        return d.getClip();
    }

    @Override
    public void copyArea(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.copyArea(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void clearRect(int a0, int a1, int a2, int a3) {
        d.clearRect(a0, a1, a2, a3);
        java.awt.Color c = d.getColor();
        d.setColor(d.getBackground());
        shape(new java.awt.Rectangle(a0, a1, a2, a3), true);
        d.setColor(c);
    }

    @Override
    public void drawRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.drawRoundRect(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void fillRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.fillRoundRect(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void drawOval(int a0, int a1, int a2, int a3) {
        d.drawOval(a0, a1, a2, a3);
        shape(new java.awt.geom.Ellipse2D.Float(a0, a1, a2, a3), false);
    }

    @Override
    public void fillOval(int a0, int a1, int a2, int a3) {
        d.fillOval(a0, a1, a2, a3);
        shape(new java.awt.geom.Ellipse2D.Float(a0, a1, a2, a3), true);
    }

    @Override
    public void drawArc(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.drawArc(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void fillArc(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.fillArc(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void drawPolyline(int[] a0, int[] a1, int a2) {
        d.drawPolyline(a0, a1, a2);
    }
}
