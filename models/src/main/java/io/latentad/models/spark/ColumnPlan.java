package io.latentad.models.spark;

import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.NumberCells;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where a DataFrame's rows hold what a model reads, checked once against the schema on the driver:
 * for a model trained on CSV, each of its {@link FeatureEncoder#columns() feature columns} by name
 * (and the label column when the model has one and the frame holds it); for a model trained on
 * other data (idx, ucr), one array or vector column of the model's width.
 *
 * <p>Cell types, so that a row gives the bits the CSV reader gives for the same text:
 * <ul>
 *   <li>numeric feature: any Spark numeric type (the value as a double; a float column gives the
 *       float's value, not its text: prefer double or string columns) or a string (parsed as the CSV
 *       reader parses a cell); null is missing; NaN and infinities are refused;</li>
 *   <li>categorical feature and label: a string, or an integral or boolean value as its text; null
 *       is missing. Fractional types are refused (the text of 1.0 is not the CSV's "1").</li>
 * </ul>
 * Anything else is an {@link IllegalArgumentException} naming the column and its type.
 */
final class ColumnPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Cell { NUMBER, NUMBER_TEXT, TEXT }

    private final String[] names;
    private final int[] at;
    private final Cell[] cells;
    private final int labelAt;
    private final int vectorAt;
    private final int width;

    private ColumnPlan(String[] names, int[] at, Cell[] cells, int labelAt, int vectorAt, int width) {
        this.names = names;
        this.at = at;
        this.cells = cells;
        this.labelAt = labelAt;
        this.vectorAt = vectorAt;
        this.width = width;
    }

    /** The plan for {@code encoder}'s columns in {@code schema}; {@code featuresCol} names the vector column of encoder-less models. */
    static ColumnPlan of(FeatureEncoder encoder, int width, String featuresCol, StructType schema) {
        if (encoder == null) {
            int v = index(schema, featuresCol, "the features column (the model was not trained on CSV, so it reads one vector of "
                    + width + " values)");
            DataType t = schema.fields()[v].dataType();
            boolean ok = t instanceof VectorUDT || (t instanceof ArrayType a && a.elementType() instanceof NumericType);
            if (!ok) {
                throw new IllegalArgumentException("column '" + featuresCol + "' is " + t.simpleString()
                        + ": expected a vector or an array of numbers");
            }
            return new ColumnPlan(new String[] {featuresCol}, new int[0], new Cell[0], -1, v, width);
        }
        String[] names = encoder.columns();
        int[] at = new int[names.length];
        Cell[] cells = new Cell[names.length];
        for (int f = 0; f < names.length; f++) {
            at[f] = index(schema, names[f], "a feature column of the model's training data");
            DataType t = schema.fields()[at[f]].dataType();
            if (encoder.isCategorical(f)) {
                requireText(names[f], t, "a categorical column");
                cells[f] = Cell.TEXT;
            } else if (t instanceof NumericType) {
                cells[f] = Cell.NUMBER;
            } else if (t instanceof StringType) {
                cells[f] = Cell.NUMBER_TEXT;
            } else {
                throw new IllegalArgumentException("column '" + names[f] + "' is " + t.simpleString()
                        + ": expected a number or a string for this numeric column");
            }
        }
        int labelAt = -1;
        if (encoder.label() != null && Arrays.asList(schema.fieldNames()).contains(encoder.label())) {
            labelAt = schema.fieldIndex(encoder.label());
            requireText(encoder.label(), schema.fields()[labelAt].dataType(), "the label column");
        }
        return new ColumnPlan(names, at, cells, labelAt, -1, width);
    }

    /** {@code s} with a non-null output column {@code name} added; refused when the DataFrame already has that name. */
    static StructType withOutput(StructType s, String name, DataType type) {
        if (Arrays.asList(s.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("output column '" + name + "' is already in the DataFrame: choose another name");
        }
        return s.add(name, type, false);
    }

    private static int index(StructType schema, String name, String what) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("column '" + name + "' (" + what + ") is not in the DataFrame: its columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        return schema.fieldIndex(name);
    }

    private static void requireText(String name, DataType t, String what) {
        boolean ok = t instanceof StringType || t instanceof IntegerType || t instanceof LongType || t instanceof ShortType
                || t instanceof ByteType || t instanceof BooleanType
                || (t instanceof DecimalType d && d.scale() == 0);
        if (!ok) {
            throw new IllegalArgumentException("column '" + name + "' is " + t.simpleString() + ": expected a string (or an integer) for "
                    + what + (t instanceof DoubleType || t instanceof FloatType ? "; a fractional number's text would not match the CSV's" : ""));
        }
    }

    /** Whether the rows carry class labels for the model. */
    boolean hasLabels() {
        return labelAt >= 0;
    }

    /** Encodes {@code row} into {@code out} (zeros on entry) with the model's encoder. */
    void encode(Row row, FeatureEncoder encoder, double[] out) {
        if (vectorAt >= 0) {
            vector(row, out);
            return;
        }
        encoder.encode(new FeatureEncoder.Cells() {
            @Override
            public String text(int f) {
                Object v = row.get(at[f]);
                return v == null ? null : v.toString();
            }

            @Override
            public double number(int f) {
                Object v = row.get(at[f]);
                if (v == null) return Double.NaN;
                if (cells[f] == Cell.NUMBER_TEXT) return NumberCells.parseNumber((String) v, () -> where(f));
                double d = ((Number) v).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(where(f) + ": " + d + " is not a finite number: expected a finite number or null for missing");
                }
                return d;
            }

            @Override
            public String where(int f) {
                return "column '" + names[f] + "'";
            }
        }, out);
    }

    /** The label text of {@code row} (null when missing). */
    String label(Row row) {
        Object v = row.get(labelAt);
        return v == null ? null : v.toString();
    }

    private void vector(Row row, double[] out) {
        Object v = row.get(vectorAt);
        if (v == null) throw new IllegalArgumentException("column '" + names[0] + "' is null in a row: expected " + width + " values");
        int n;
        if (v instanceof Vector vec) {
            n = vec.size();
            if (n == width) for (int j = 0; j < n; j++) out[j] = vec.apply(j);
        } else {
            java.util.List<Object> s = row.getList(vectorAt);
            n = s.size();
            if (n == width) {
                for (int j = 0; j < n; j++) {
                    Object x = s.get(j);
                    if (x == null) throw new IllegalArgumentException("column '" + names[0] + "' holds a null at " + j + ": expected numbers");
                    out[j] = ((Number) x).doubleValue();
                }
            }
        }
        if (n != width) {
            throw new IllegalArgumentException("column '" + names[0] + "' holds " + n + " values in a row: expected " + width
                    + " as the model was trained on");
        }
    }
}
