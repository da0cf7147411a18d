package atelier.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Everything that decides what a search does, recorded in its folder so that a resumed search goes on alike.
 *
 * @param dataset          fashion, mnist or a folder, as the user named it
 * @param budgetMinutes    wall-clock minutes of trial training; the final retraining comes on top, announced
 * @param eta              reduction factor of successive halving (3 or 4)
 * @param rungZeroImages   images a trial sees before its first evaluation; rung k sees eta^k times as many
 * @param maxRung          the top rung
 * @param validationImages training images held out (seeded) to score trials on; never trained on by a trial
 * @param limitTrain       use only this many training images (0 = all), for quick tries
 * @param maxTrials        stop starting new trials after this many (0 = until the budget is spent)
 * @param finalModels      how many of the Pareto set are retrained on the whole training set and tested
 * @param finalEpochs      epochs of that final retraining (the pytorch/examples schedule: learning rate times 0.7
 *                         after each)
 * @param workers          trials trained at once (the training service decides how many really run together)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchSettings(String dataset, double budgetMinutes, long seed, SearchSpace space, int eta,
                             long rungZeroImages, int maxRung, int validationImages, int limitTrain, int batchSize,
                             int maxTrials, int finalModels, int finalEpochs, int workers) {

    public SearchSettings {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("a search needs a dataset");
        }
        if (!(budgetMinutes > 0) || Double.isInfinite(budgetMinutes)) {
            throw new IllegalArgumentException("--budget-minutes must be positive, not " + budgetMinutes);
        }
        space = space == null ? SearchSpace.defaults() : space;
        if (eta < 2) {
            throw new IllegalArgumentException("--eta must be at least 2, not " + eta);
        }
        if (rungZeroImages < 1) {
            throw new IllegalArgumentException("--rung-images must be positive, not " + rungZeroImages);
        }
        if (maxRung < 0) {
            throw new IllegalArgumentException("--rungs must be at least 1, not " + (maxRung + 1));
        }
        if (validationImages < 1) {
            throw new IllegalArgumentException("--validation must be positive, not " + validationImages);
        }
        if (limitTrain < 0 || maxTrials < 0 || finalModels < 0 || finalEpochs < 1 || batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("--limit-train, --max-trials and --final-models must be 0 or more; "
                    + "--final-epochs, --batch and --workers at least 1");
        }
    }

    /** Reduction factor 3, four rungs from 4,000 to 108,000 images, 5,000 validation images, three finalists. */
    public static SearchSettings defaults(String dataset, double budgetMinutes, long seed) {
        return new SearchSettings(dataset, budgetMinutes, seed, SearchSpace.defaults(), 3, 4000, 3, 5000, 0, 64, 0,
                3, 2, 1);
    }

    public SearchSettings withSpace(SearchSpace newSpace) {
        return new SearchSettings(dataset, budgetMinutes, seed, newSpace, eta, rungZeroImages, maxRung,
                validationImages, limitTrain, batchSize, maxTrials, finalModels, finalEpochs, workers);
    }

    public double budgetSeconds() {
        return budgetMinutes * 60;
    }
}
