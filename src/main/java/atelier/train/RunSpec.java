package atelier.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Locale;

/**
 * Everything that decides what a run computes: with the same spec, seed and machine, a run gives the same curves.
 *
 * @param dataset           fashion, mnist or a folder, as the user named it
 * @param architecture      a name from the architecture catalogue
 * @param init              xavier, he, or checkpoint:PATH
 * @param freezeAllButLast  train only the last dense layer (finetuning)
 * @param optimizer         adadelta, sgd (with momentum) or adam
 * @param learningRate      initial learning rate (the peak of a one-cycle schedule)
 * @param gamma             the step schedule's factor after every epoch
 * @param limitTrain        use only this many training images (0 = all), chosen by the seed
 * @param augmentation      "none", or the augmentation pipeline applied to training batches, in its text form
 *                          (see {@link atelier.augment.AugmentationPipeline}); refused when it does not parse
 * @param resize            auto, none, 32 or 224: how images are resized for the network (VGG16)
 * @param layers            the layer list of a custom architecture, in its text form; null otherwise
 * @param schedule          how the learning rate moves: step, cosine or onecycle ({@link LearningRateSchedule});
 *                          absent in the records of runs from before schedules, which stepped
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSpec(String name, String dataset, String architecture, String init, boolean freezeAllButLast,
                      String optimizer, double learningRate, double gamma, double momentum, int batchSize,
                      int epochs, int limitTrain, String augmentation, long seed, String resize, String layers,
                      String schedule) {

    public RunSpec {
        schedule = LearningRateSchedule.parse(schedule).text();
        resize = resize == null ? "auto" : resize;
        optimizer = optimizer == null ? "adadelta" : optimizer.toLowerCase(Locale.ROOT);
        init = init == null ? "xavier" : init;
        augmentation = atelier.augment.AugmentationPipeline.parse(augmentation).text();
        if (!optimizer.equals("adadelta") && !optimizer.equals("sgd") && !optimizer.equals("adam")) {
            throw new IllegalArgumentException("optimizer '" + optimizer + "' is not one of adadelta, sgd, adam");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, not " + learningRate);
        }
        if (!(gamma > 0) || gamma > 1) {
            throw new IllegalArgumentException("gamma (learning-rate decay per epoch) must be in (0, 1], not " + gamma);
        }
        if (limitTrain < 0) {
            throw new IllegalArgumentException("--limit-train must be 0 (all) or positive, not " + limitTrain);
        }
    }

    /** A spec whose learning rate steps down by gamma after every epoch. */
    public RunSpec(String name, String dataset, String architecture, String init, boolean freezeAllButLast,
                   String optimizer, double learningRate, double gamma, double momentum, int batchSize, int epochs,
                   int limitTrain, String augmentation, long seed, String resize, String layers) {
        this(name, dataset, architecture, init, freezeAllButLast, optimizer, learningRate, gamma, momentum,
                batchSize, epochs, limitTrain, augmentation, seed, resize, layers, null);
    }

    /** A spec with the architecture's own input size, no custom layer list and the step schedule. */
    public RunSpec(String name, String dataset, String architecture, String init, boolean freezeAllButLast,
                   String optimizer, double learningRate, double gamma, double momentum, int batchSize, int epochs,
                   int limitTrain, String augmentation, long seed) {
        this(name, dataset, architecture, init, freezeAllButLast, optimizer, learningRate, gamma, momentum,
                batchSize, epochs, limitTrain, augmentation, seed, "auto", null);
    }

    /** The pytorch/examples recipe: Adadelta lr 1.0, gamma 0.7, batch 64, seed 1. */
    public static RunSpec defaults(String dataset, String architecture, int epochs) {
        return new RunSpec(null, dataset, architecture, "xavier", false, "adadelta", 1.0, 0.7, 0.9, 64, epochs, 0,
                "none", 1);
    }

    public LearningRateSchedule learningRateSchedule() {
        return LearningRateSchedule.parse(schedule);
    }

    /** The learning rate of an epoch's first step, for an epoch of {@code stepsPerEpoch} steps. */
    public double learningRateOfEpoch(int epoch, long stepsPerEpoch) {
        return learningRateSchedule().rate(learningRate, gamma, epoch, (epoch - 1) * stepsPerEpoch,
                epochs * stepsPerEpoch);
    }

    /** The number of training steps of an epoch over {@code trainImages} images (the last batch may be short). */
    public long stepsPerEpoch(long trainImages) {
        return (trainImages + batchSize - 1) / batchSize;
    }

    public RunSpec withEpochs(int newEpochs) {
        return new RunSpec(name, dataset, architecture, init, freezeAllButLast, optimizer, learningRate, gamma,
                momentum, batchSize, newEpochs, limitTrain, augmentation, seed, resize, layers, schedule);
    }

    public RunSpec withName(String newName) {
        return new RunSpec(newName, dataset, architecture, init, freezeAllButLast, optimizer, learningRate, gamma,
                momentum, batchSize, epochs, limitTrain, augmentation, seed, resize, layers, schedule);
    }

    public RunSpec withSchedule(String newSchedule) {
        return new RunSpec(name, dataset, architecture, init, freezeAllButLast, optimizer, learningRate, gamma,
                momentum, batchSize, epochs, limitTrain, augmentation, seed, resize, layers, newSchedule);
    }
}
