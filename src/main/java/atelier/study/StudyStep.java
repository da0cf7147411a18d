package atelier.study;

import atelier.train.RunSpec;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step of a study, in the order the study runs them. Most steps train (an ordinary workspace run); the others
 * study a run (confusion matrix, top losses and cleaning), state a finding (an input an architecture refuses),
 * make a dataset, or bring in a run that exists already (a study composed of the user's runs).
 *
 * @param key        unique within the study; other steps and figures name it
 * @param title      the case's name in tables and legends ("Batch normalization")
 * @param spec       what a TRAIN or PRETRAINED_VGG16 step trains
 * @param initFrom   a TRAIN step starts from the best checkpoint of this step (finetuning), or null
 * @param cleanedBy  a TRAIN step trains without the images this CLEAN step excluded, or null
 * @param of         the step a CONFUSION or CLEAN step studies
 * @param split      "train" or "test" for CONFUSION
 * @param topK       how many of the highest-loss training images CLEAN excludes
 * @param run        the run folder (or run name) a RUN step brings in
 * @param architecture and {@code input}: what a REFUSAL step checks, e.g. vgg16 at 18x18x1
 * @param folder     where MISLABELLED_DATA writes (or finds) the mislabelled image folder
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyStep(String key, String title, Kind kind, RunSpec spec, String initFrom, String cleanedBy,
                        String of, String split, int topK, String run, String architecture,
                        String input, String folder) {

    public enum Kind {
        /** Train {@code spec} through the training service; a workspace run. */
        TRAIN,
        /** Bring in an existing run as it is. */
        RUN,
        /** Confusion matrix of a step's best checkpoint on a split, into analysis/KEY.json. */
        CONFUSION,
        /** Rank a step's training images by loss, exclude the top K in the study's own label journal. */
        CLEAN,
        /** Check that an architecture refuses an input, and why: a finding. */
        REFUSAL,
        /** Write MNIST with 100 wrong training labels as an image folder, unless it exists. */
        MISLABELLED_DATA,
        /** VGG16 weights: ImageNet through DL4J's zoo where it can be reached, else trained by Atelier on {@code spec}. */
        PRETRAINED_VGG16
    }

    public static StudyStep train(String key, String title, RunSpec spec) {
        return new StudyStep(key, title, Kind.TRAIN, spec, null, null, null, null, 0, null, null, null, null);
    }

    public static StudyStep existingRun(String key, String title, String run) {
        return new StudyStep(key, title, Kind.RUN, null, null, null, null, null, 0, run, null, null, null);
    }

    public static StudyStep confusion(String key, String title, String of, String split) {
        return new StudyStep(key, title, Kind.CONFUSION, null, null, null, of, split, 0, null, null, null,
                null);
    }

    public static StudyStep clean(String key, String title, String of, int topK) {
        return new StudyStep(key, title, Kind.CLEAN, null, null, null, of, null, topK, null, null, null, null);
    }

    public static StudyStep refusal(String key, String title, String architecture, String input) {
        return new StudyStep(key, title, Kind.REFUSAL, null, null, null, null, null, 0, null, architecture,
                input, null);
    }

    public static StudyStep mislabelledData(String key, String title, String folder) {
        return new StudyStep(key, title, Kind.MISLABELLED_DATA, null, null, null, null, null, 0, null, null,
                null, folder);
    }

    public static StudyStep pretrainedVgg16(String key, String title, RunSpec fallback) {
        return new StudyStep(key, title, Kind.PRETRAINED_VGG16, fallback, null, null, null, null, 0, null,
                null, null, null);
    }

    public StudyStep initFrom(String step) {
        return new StudyStep(key, title, kind, spec, step, cleanedBy, of, split, topK, run, architecture,
                input, folder);
    }

    public StudyStep cleanedBy(String step) {
        return new StudyStep(key, title, kind, spec, initFrom, step, of, split, topK, run, architecture,
                input, folder);
    }

    /** Whether the step makes a run of its own (and so has curves and a results row). */
    public boolean trains() {
        return kind == Kind.TRAIN || kind == Kind.PRETRAINED_VGG16;
    }
}
