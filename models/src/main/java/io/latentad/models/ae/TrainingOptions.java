package io.latentad.models.ae;

import io.latentad.engine.optim.Adam;
import io.latentad.models.common.Params;

import java.util.Map;

/**
 * The training options every member of the family shares; on the command line each is a
 * {@code --param key=value} under the key in parentheses.
 *
 * @param epochs      passes over the training rows ({@code epochs}, 20; the CL-VAE's 30)
 * @param batch       minibatch size ({@code batch}, 128)
 * @param lr          Adam learning rate ({@code lr}, 1e-3; NaN = {@code auto}: the model's choice for the data,
 *                    {@link ModelKind#autoValues}, resolved when training starts; the CL-VAE's default)
 * @param lrSchedule  learning-rate schedule over the run ({@code lr_schedule}: constant (default); cosine: from
 *                    {@code lr} down to 0 over all steps of all epochs, Loshchilov and Hutter's SGDR without restarts;
 *                    auto: the model's choice for the data, {@link ModelKind#autoValues})
 * @param amsGrad     AMSGrad variant ({@code amsgrad}, false)
 * @param clip        global gradient-norm clip, 0 = off ({@code clip}, 0)
 * @param validation  share of rows held out for early stopping ({@code validation}, 0.1; 0 = none)
 * @param patience    epochs without validation improvement before stopping, 0 = never stop early
 *                    ({@code patience}, 5); the best validation parameters are kept
 * @param seed        the one seed of initialisation, shuffling, splits and noise ({@code seed}, 1)
 * @param classWeight per-row loss weights ({@code class_weight}: none (default) or balanced: n / (K n_c))
 * @param maxCodes    training codes kept in the model for latent scorers ({@code codes}, 10000)
 * @param average     weight averaging ({@code average}, 0 = off): the model returned holds the mean of the parameters
 *                    at the ends of the last {@code average} epochs (stochastic weight averaging over epoch ends,
 *                    Izmailov et al. 2018, one model, not an ensemble of scores); needs no early stopping
 *                    ({@code validation=0} or {@code patience=0}) and at most {@code epochs}
 * @param weightDecay decoupled weight decay of Adam ({@code weight_decay}, 0 = off): each step multiplies every
 *                    parameter by {@code 1 - lr_t * weight_decay} (AdamW, Loshchilov and Hutter 2019; {@code lr_t}
 *                    follows the schedule)
 * @param lrWarmup    learning-rate warm-up in epochs ({@code lr_warmup}, 0 = off; at most {@code epochs}): over the first
 *                    {@code lr_warmup} epochs' steps (W = lr_warmup x steps per epoch) the schedule's rate at step s is
 *                    scaled by (s + 1) / W, a linear ramp from lr / W to the schedule ({@code engine.optim.LrSchedule
 *                    #withWarmup}; PyTorch's {@code LinearLR} warm-up with the schedule running underneath: the cosine
 *                    still spans every step of the run). Not the VAE's {@code warmup}, which anneals the KL weight
 * @param augmentShift data augmentation by random translation ({@code augment}: {@code none} (default, also {@code 0}) or
 *                    {@code shiftS}, S >= 1): each training step moves each image of the batch by a random integer
 *                    (dx, dy) in [-S, S]^2 with zero fill, the moved image being both the encoder's input and the
 *                    reconstruction target (before any {@code input_dropout} masking); validation, scoring and embedding
 *                    see the images as they are. Only for images (idx data, or net=conv with image=CxHxW); 0 = off
 */
public record TrainingOptions(int epochs, int batch, double lr, LrSchedule lrSchedule, boolean amsGrad, double clip, double validation,
                              int patience, long seed, ClassWeight classWeight, int maxCodes, int average, double weightDecay,
                              int lrWarmup, int augmentShift) {
    /** Per-row loss weights. */
    public enum ClassWeight { NONE, BALANCED }

    /** Learning-rate schedules. */
    public enum LrSchedule { CONSTANT, COSINE, AUTO }

    public TrainingOptions {
        if (epochs < 1) throw Params.bad("epochs", epochs, ">= 1");
        if (batch < 1) throw Params.bad("batch", batch, ">= 1");
        if (!Double.isNaN(lr) && (!(lr > 0) || Double.isInfinite(lr))) throw Params.bad("lr", lr, "> 0 or auto");
        if (!(clip >= 0) || Double.isInfinite(clip)) throw Params.bad("clip", clip, ">= 0");
        if (!(validation >= 0 && validation < 1)) throw Params.bad("validation", validation, "in [0, 1)");
        if (patience < 0) throw Params.bad("patience", patience, ">= 0");
        if (lrSchedule == null) throw Params.bad("lr_schedule", "null", "constant or cosine");
        if (classWeight == null) throw Params.bad("class_weight", "null", "none or balanced");
        if (maxCodes < 1) throw Params.bad("codes", maxCodes, ">= 1");
        if (average < 0 || average > epochs) throw Params.bad("average", average, "in [0, epochs = " + epochs + "]");
        if (average > 0 && validation > 0 && patience > 0) {
            throw Params.bad("average", average, "0 with early stopping (it keeps the best epoch's parameters): "
                    + "set validation=0 or patience=0 to average");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw Params.bad("weight_decay", weightDecay, ">= 0");
        if (lrWarmup < 0 || lrWarmup > epochs) throw Params.bad("lr_warmup", lrWarmup, "epochs in [0, epochs = " + epochs + "]");
        if (augmentShift < 0) throw Params.bad("augment", "shift" + augmentShift, AUGMENT_EXPECTED);
    }

    /**
     * The options of a warm-up run before the main one (the gmvae's pre-training): {@code epochs} at {@code lr}, constant,
     * no validation split or early stopping, no class weights, no averaging, weight decay, warm-up or augmentation; batch, AMSGrad, clipping,
     * seed and codes kept (the network draws no dropout masks in such a run: its loop is given no stream).
     */
    TrainingOptions pretraining(int epochs, double lr) {
        return new TrainingOptions(epochs, batch, lr, LrSchedule.CONSTANT, amsGrad, clip, 0, 0, seed, ClassWeight.NONE, maxCodes, 0, 0, 0, 0);
    }

    static TrainingOptions read(Params.Reader p) {
        return new TrainingOptions(p.integer("epochs", 20), p.integer("batch", 128), p.realOrAuto("lr", 1e-3),
                p.enumValue("lr_schedule", LrSchedule.class, LrSchedule.CONSTANT),
                p.bool("amsgrad", false), p.real("clip", 0), p.real("validation", 0.1), p.integer("patience", 5),
                p.longValue("seed", 1), p.enumValue("class_weight", ClassWeight.class, ClassWeight.NONE),
                p.integer("codes", 10000), p.integer("average", 0), p.real("weight_decay", 0),
                p.integer("lr_warmup", 0), augment(p.string("augment", "none")));
    }

    private static final String AUGMENT_EXPECTED = "none (or 0) or shiftS with S >= 1 pixels, e.g. shift1";

    /** The shift S of {@code augment=shiftS}; 0 for {@code none} or {@code 0}. */
    private static int augment(String v) {
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("none") || s.equals("0")) return 0;
        if (s.startsWith("shift")) {
            String n = s.substring(5);
            if (!n.isEmpty() && n.length() <= 4 && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int shift = Integer.parseInt(n);
                if (shift >= 1) return shift;
            }
        }
        throw Params.bad("augment", "'" + v + "'", AUGMENT_EXPECTED);
    }

    /** The learning rate of each step of a run of {@code stepsPerEpoch} steps an epoch ({@code lr} resolved). */
    io.latentad.engine.optim.LrSchedule schedule(int stepsPerEpoch) {
        io.latentad.engine.optim.LrSchedule s = lrSchedule == LrSchedule.COSINE
                ? io.latentad.engine.optim.LrSchedule.cosine(lr, 0, Math.max(1, epochs * stepsPerEpoch))
                : io.latentad.engine.optim.LrSchedule.constant(lr);
        return lrWarmup > 0 ? s.withWarmup(lrWarmup * stepsPerEpoch) : s;
    }

    /** Adam's options for a network trained with these options, at learning rate {@code lr}. */
    Adam.Options adam(double lr) {
        Adam.Options a = Adam.Options.of(lr).withAmsGrad(amsGrad);
        return weightDecay > 0 ? a.withWeightDecay(weightDecay, true) : a;
    }

    /** Whether an option is still {@code auto} (the learning rate or its schedule). */
    boolean hasAuto() {
        return Double.isNaN(lr) || lrSchedule == LrSchedule.AUTO;
    }

    void write(Map<String, String> m) {
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batch));
        m.put("lr", Params.realOrAuto(lr));
        m.put("lr_schedule", Params.lower(lrSchedule));
        m.put("amsgrad", Boolean.toString(amsGrad));
        m.put("clip", Double.toString(clip));
        m.put("validation", Double.toString(validation));
        m.put("patience", Integer.toString(patience));
        m.put("seed", Long.toString(seed));
        m.put("class_weight", Params.lower(classWeight));
        m.put("codes", Integer.toString(maxCodes));
        if (average > 0) m.put("average", Integer.toString(average)); // absent when off: the maps of models before it
        if (weightDecay > 0) m.put("weight_decay", Double.toString(weightDecay)); // likewise
        if (lrWarmup > 0) m.put("lr_warmup", Integer.toString(lrWarmup)); // likewise
        if (augmentShift > 0) m.put("augment", "shift" + augmentShift); // likewise
    }
}
