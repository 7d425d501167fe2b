package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Conv2d;
import io.latentad.engine.nn.ConvTranspose2d;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.random.Rng;
import io.latentad.models.common.Params;
import io.latentad.models.data.SampleShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The convolutional encoder and decoder for {@code C x H x W} images (a flat sample is channel-major,
 * NCHW without the N), from {@code engine.nn} layers: {@code k x k} convolutions of stride 2 and
 * padding {@code k / 2}, each halving the map (rounding up), and their mirror of transposed
 * convolutions, whose output padding (0 or 1) restores each size exactly:
 *
 * <pre>
 * encoder  x [B, C, H, W] -> f(conv c1, stride 2) [B, c1, H1, W1] -> ... -> f(conv cL) [B, cL, HL, WL]
 *          -> flatten -> mu = h Wmu + bmu   [-> logVar = h Wlv + blv]
 * decoder  z -> f(z V + c) [B, cL HL WL] -> reshape -> f(convT c(L-1)) -> ... -> convT C [B, C, H, W]
 *          (logits or Gaussian means, one per pixel; no activation on the last layer)
 * </pre>
 *
 * Default architecture ({@code channels=auto}): halve while the map is larger than 7 x 7, at least one
 * and at most three blocks, channels 32, 64, 128: for 28 x 28 images (MNIST, Fashion-MNIST) two
 * blocks {@code 1 -> 32 -> 64} (28 -> 14 -> 7), a 3136-value map before the code, close to the DCAE of
 * Ruff et al. (2018); for 32 x 32 x 3 three blocks (32 -> 16 -> 8 -> 4); for 8 x 8 one. Latent 16 (their
 * MNIST code is 32; on the one-class MNIST protocol, 10 digits, one seed, 16 raised the mean ROC-AUC of the
 * conv AE from 94.5 to 95.7 and of the conv DAE from 93.1 to 94.3: bench/README.md, "Convolution").
 * Convolutions take {@link Init#defaultFor} the activation (He for ReLU), the heads and the output layer
 * Xavier. Every layer takes its own split of the seeded stream, in the order
 * encoder, heads, decoder. Parameters: {@code enc.<i>.weight} (and {@code .bias}), {@code mu.*},
 * {@code logvar.*}, {@code dec.fc.*}, {@code dec.<i>.*} (the transposed convolutions, from the code
 * outwards).
 */
public final class ConvNetwork implements Network {
    /** The default code size (16: measured better than 32 on one-class MNIST, see the class comment). */
    public static final int DEFAULT_LATENT = 16;

    /**
     * The user's choice.
     *
     * @param channels   channels of the encoder blocks ({@code channels}, e.g. 32,64; empty = auto, the default)
     * @param kernel     odd kernel size ({@code kernel}, default 3)
     * @param latent     code size ({@code latent}, default 16)
     * @param activation hidden activation ({@code activation}, default relu)
     * @param image      the image shape {@code C x H x W} for data that does not carry one, e.g. CSV rows of pixels
     *                   ({@code image=3x32x32}; empty = the data's own shape, the default)
     */
    public record Options(int[] channels, int kernel, int latent, Activation.Kind activation, int[] image)
            implements NetworkOptions {
        public Options {
            channels = channels.clone();
            image = image.clone();
            if (image.length != 0 && image.length != 3) throw Params.bad("image", Arrays.toString(image), "C x H x W, e.g. 1x28x28");
            if (image.length == 3) SampleShape.image(image[0], image[1], image[2]); // its checks
            for (int c : channels) if (c < 1 || c > 4096) throw Params.bad("channels", Arrays.toString(channels), "sizes in 1..4096");
            if (channels.length > 8) throw Params.bad("channels", Arrays.toString(channels), "at most 8 blocks");
            if (kernel < 1 || kernel % 2 == 0 || kernel > 15) throw Params.bad("kernel", kernel, "an odd size in 1..15");
            if (latent < 1 || latent > 100_000) throw Params.bad("latent", latent, "1..100000");
            if (activation == null) throw Params.bad("activation", "null", "an activation");
        }

        /** The defaults: automatic channels, kernel 3, latent 16, ReLU, the data's own image shape. */
        public static Options defaults() {
            return new Options(new int[0], 3, DEFAULT_LATENT, Activation.Kind.RELU, new int[0]);
        }

        static Options read(Params.Reader p) {
            String ch = p.string("channels", "auto");
            int[] channels = ch.equals("auto") ? new int[0] : p.ints("channels", new int[0]);
            if (!ch.equals("auto") && channels.length == 0) throw Params.bad("channels", "'" + ch + "'", "auto or sizes, e.g. 32,64");
            return new Options(channels, p.integer("kernel", 3), p.integer("latent", DEFAULT_LATENT),
                    p.enumValue("activation", Activation.Kind.class, Activation.Kind.RELU), image(p.string("image", "")));
        }

        private static int[] image(String s) {
            if (s.isEmpty()) return new int[0];
            String[] parts = s.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                int[] d = Arrays.stream(parts).map(String::trim).mapToInt(Integer::parseInt).toArray();
                if (d.length != 3) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw Params.bad("image", "'" + s + "'", "C x H x W as three integers, e.g. 1x28x28");
            }
        }

        @Override
        public int[] image() {
            return image.clone();
        }

        @Override
        public int[] channels() {
            return channels.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && Arrays.equals(channels, p.channels) && kernel == p.kernel && latent == p.latent
                    && activation == p.activation && Arrays.equals(image, p.image);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(channels), kernel, latent, activation, Arrays.hashCode(image));
        }

        @Override
        public String name() {
            return "conv";
        }

        @Override
        public Map<String, String> toParams() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("net", name());
            m.put("channels", channels.length == 0 ? "auto" : Params.join(channels));
            m.put("kernel", Integer.toString(kernel));
            m.put("latent", Integer.toString(latent));
            m.put("activation", Params.lower(activation));
            if (image.length == 3) m.put("image", image[0] + "x" + image[1] + "x" + image[2]);
            return m;
        }

        @Override
        public Spec spec(SampleShape input, boolean variational) {
            SampleShape.Image img;
            if (image.length == 3) {
                img = SampleShape.image(image[0], image[1], image[2]);
                if (img.size() != input.size()) {
                    throw Params.bad("image", image[0] + "x" + image[1] + "x" + image[2], "C x H x W with as many values as a sample ("
                            + input.size() + ", " + input.describe() + "); " + image[0] + " x " + image[1] + " x " + image[2]
                            + " = " + img.size());
                }
            } else if (input instanceof SampleShape.Image i) {
                img = i;
            } else {
                throw Params.bad("net", "conv", "images (idx: data, or image=CxHxW for rows of pixels), not samples of shape "
                        + input.describe() + " (or use net=dense)");
            }
            return new Spec(img, channels.length == 0 ? defaultChannels(img) : channels, kernel, latent, activation, variational);
        }
    }

    /** The default blocks for an image: halve while the map is larger than 7 x 7, 1 to 3 blocks, channels 32, 64, 128. */
    public static int[] defaultChannels(SampleShape.Image img) {
        int side = Math.min(img.height(), img.width()), blocks = 0;
        while (blocks < 3 && (blocks == 0 || side > 7)) {
            side = (side + 1) / 2;
            blocks++;
        }
        int[] c = new int[blocks];
        for (int i = 0; i < blocks; i++) c[i] = 32 << i;
        return c;
    }

    /** The complete architecture; the map sizes of every block follow from the image. */
    public record Spec(SampleShape.Image input, int[] channels, int kernel, int latent, Activation.Kind activation,
                       boolean variational) implements NetworkSpec {
        public Spec {
            if (input == null) throw new IllegalArgumentException("conv network: input image is null");
            new Options(channels, kernel, latent, activation, new int[0]); // the same checks
            channels = channels.clone();
            if (channels.length == 0) throw Params.bad("channels", "[]", "at least one block");
        }

        @Override
        public int[] channels() {
            return channels.clone();
        }

        /** Map heights (index 0 = the image, i = after block i). */
        int[] heights() {
            return sizes(input.height());
        }

        int[] widths() {
            return sizes(input.width());
        }

        private int[] sizes(int s0) {
            int[] s = new int[channels.length + 1];
            s[0] = s0;
            for (int i = 1; i < s.length; i++) s[i] = (s[i - 1] + 2 * (kernel / 2) - kernel) / 2 + 1;
            return s;
        }

        /** The output padding that makes the transposed convolution from size {@code small} give {@code big}. */
        int outputPadding(int big, int small) {
            return big - ((small - 1) * 2 - 2 * (kernel / 2) + kernel);
        }

        int flat() {
            int l = channels.length;
            return channels[l - 1] * heights()[l] * widths()[l];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec p && input.equals(p.input) && Arrays.equals(channels, p.channels) && kernel == p.kernel
                    && latent == p.latent && activation == p.activation && variational == p.variational;
        }

        @Override
        public int hashCode() {
            return Objects.hash(input, Arrays.hashCode(channels), kernel, latent, activation, variational);
        }

        @Override
        public String name() {
            return "conv";
        }

        @Override
        public Map<String, String> toParams() {
            return new Options(channels, kernel, latent, activation,
                    new int[] {input.channels(), input.height(), input.width()}).toParams();
        }

        @Override
        public long parameterCount() {
            long n = 0, kk = (long) kernel * kernel, prev = input.channels();
            for (int c : channels) {
                n += 2 * (prev * c * kk) + c + prev; // the convolution and its mirror (bias: c, and prev on the way back)
                prev = c;
            }
            long flat = flat();
            return n + (flat + 1) * latent * (variational ? 2L : 1L) + (latent + 1) * flat;
        }

        @Override
        public ConvNetwork build(Rng rng) {
            return new ConvNetwork(this, rng);
        }
    }

    private final Spec spec;
    private final Activation act;
    private final List<Conv2d> encoder = new ArrayList<>();
    private final Dense muHead;
    private final Dense logVarHead;
    private final Dense decoderIn;
    private final List<ConvTranspose2d> decoder = new ArrayList<>();
    private final int[] heights;
    private final int[] widths;

    private ConvNetwork(Spec spec, Rng rng) {
        this.spec = spec;
        this.act = new Activation(spec.activation());
        this.heights = spec.heights();
        this.widths = spec.widths();
        Init init = Init.defaultFor(spec.activation());
        int k = spec.kernel(), pad = k / 2, prev = spec.input().channels();
        int[] ch = spec.channels;
        for (int c : ch) {
            encoder.add(new Conv2d(prev, c, k, 2, pad, init, rng.split()));
            prev = c;
        }
        int flat = spec.flat();
        muHead = new Dense(flat, spec.latent(), Init.XAVIER_UNIFORM, rng.split());
        logVarHead = spec.variational() ? new Dense(flat, spec.latent(), Init.XAVIER_UNIFORM, rng.split()) : null;
        decoderIn = new Dense(spec.latent(), flat, init, rng.split());
        for (int i = ch.length - 1; i >= 0; i--) {
            int out = i == 0 ? spec.input().channels() : ch[i - 1];
            decoder.add(new ConvTranspose2d(ch[i], out, k, 2, pad, spec.outputPadding(heights[i], heights[i + 1]),
                    spec.outputPadding(widths[i], widths[i + 1]), i == 0 ? Init.XAVIER_UNIFORM : init, rng.split()));
        }
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public Encoding encode(Var x) {
        int b = x.value().dim(0);
        SampleShape.Image img = spec.input();
        Var h = ShapeOps.reshape(x, b, img.channels(), img.height(), img.width());
        List<Var> hs = new ArrayList<>(encoder.size());
        for (Conv2d c : encoder) {
            h = act.forward(c.forward(h));
            hs.add(ShapeOps.reshape(h, b, -1));
        }
        Var flat = hs.get(hs.size() - 1);
        return new Encoding(hs, muHead.forward(flat), logVarHead == null ? null : logVarHead.forward(flat));
    }

    @Override
    public Var decode(Var z) {
        int b = z.value().dim(0), l = spec.channels.length;
        Var h = ShapeOps.reshape(act.forward(decoderIn.forward(z)), b, spec.channels[l - 1], heights[l], widths[l]);
        for (int i = 0; i < decoder.size(); i++) {
            h = decoder.get(i).forward(h);
            if (i < decoder.size() - 1) h = act.forward(h);
        }
        return ShapeOps.reshape(h, b, spec.input().size());
    }

    @Override
    public Map<String, Var> parameters() {
        Map<String, Var> m = new LinkedHashMap<>();
        for (int i = 0; i < encoder.size(); i++) encoder.get(i).collectParameters("enc." + i + ".", m);
        muHead.collectParameters("mu.", m);
        if (logVarHead != null) logVarHead.collectParameters("logvar.", m);
        decoderIn.collectParameters("dec.fc.", m);
        for (int i = 0; i < decoder.size(); i++) decoder.get(i).collectParameters("dec." + i + ".", m);
        return m;
    }
}
