package io.latentad.models.data;

/**
 * What one sample of a {@link Dataset} is. Every sample is stored flat, as one row of
 * {@link #size()} numbers; the shape says how a network reads that row:
 * <ul>
 *   <li>{@link Row}: {@code d} features (CSV data);</li>
 *   <li>{@link Sequence}: {@code steps x channels}, step-major ({@code row[t * channels + c]}), with
 *       a length per sample in {@link Dataset#lengths()} when sequences are shorter than
 *       {@code steps} (such a row holds its own {@code length * channels} values; a recurrent network
 *       reads it to its own end, others refuse it);</li>
 *   <li>{@link Image}: {@code channels x height x width}, channel-major (NCHW without the N:
 *       {@code row[(c * height + y) * width + x]}).</li>
 * </ul>
 * A dense network flattens any shape; recurrent and convolutional ones read it.
 */
public sealed interface SampleShape {
    /** The number of values in one flat sample. */
    int size();

    /** A short text form: {@code row 8}, {@code sequence 140 x 1}, {@code image 1 x 28 x 28}. */
    String describe();

    static Row row(int features) {
        return new Row(features);
    }

    static Sequence sequence(int steps, int channels) {
        return new Sequence(steps, channels);
    }

    static Image image(int channels, int height, int width) {
        return new Image(channels, height, width);
    }

    /** {@code features} values. */
    record Row(int features) implements SampleShape {
        public Row {
            if (features < 0) throw new IllegalArgumentException("row of " + features + " features: expected >= 0");
        }

        @Override
        public int size() {
            return features;
        }

        @Override
        public String describe() {
            return "row " + features;
        }
    }

    /** {@code steps} time steps of {@code channels} values each. */
    record Sequence(int steps, int channels) implements SampleShape {
        public Sequence {
            if (steps < 1 || channels < 1) {
                throw new IllegalArgumentException("sequence of " + steps + " x " + channels + ": expected >= 1 x >= 1");
            }
            if ((long) steps * channels > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("sequence of " + steps + " x " + channels + " values: too large");
            }
        }

        @Override
        public int size() {
            return steps * channels;
        }

        @Override
        public String describe() {
            return "sequence " + steps + " x " + channels;
        }
    }

    /** A {@code channels x height x width} image. */
    record Image(int channels, int height, int width) implements SampleShape {
        public Image {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("image of " + channels + " x " + height + " x " + width + ": expected sizes >= 1");
            }
            if ((long) channels * height * width > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("image of " + channels + " x " + height + " x " + width + ": too large");
            }
        }

        @Override
        public int size() {
            return channels * height * width;
        }

        @Override
        public String describe() {
            return "image " + channels + " x " + height + " x " + width;
        }
    }
}
