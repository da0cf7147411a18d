/**
 * Data augmentation: torchvision's transforms with its semantics and defaults (horizontal and vertical flip,
 * random crop with padding, random rotation and affine, random erasing, Gaussian noise, brightness, contrast) and
 * Simard et al.'s elastic distortion, each with its probability and parameters, in an ordered
 * {@link atelier.augment.AugmentationPipeline} whose text form ({@code flip:0.5,crop:4,rotate:10,erase:0.5}) the
 * command line, the run spec and the Augmentation tab share. {@link atelier.augment.AugmentationPreview} draws the
 * figures the tab shows and {@code augment preview} writes.
 *
 * <p>Every random choice comes from one generator per batch ({@link atelier.augment.AugmentationSeeds}), seeded by
 * the run's seed, the epoch and the batch number, so the same seed gives the same augmented batches however the
 * thread that prepares them is timed.
 *
 * <h2>Why not DataVec's image transforms</h2>
 * The transforms work on the normalised float rows that training already holds ({@code atelier.train.TrainingData}:
 * {@code (pixel / 255 - mean) / std}), in place, with no copy per image. DataVec's
 * {@code org.datavec.image.transform} classes wrap every image in an OpenCV {@code Mat} per call (a native
 * allocation and two conversions for a 28×28 image), have no random erasing, and their {@code RandomCropTransform}
 * cannot pad, so it cannot do torchvision's {@code RandomCrop(28, padding=4)} at all. Batched ND4J ops would not
 * help either: every image needs its own random crop offset, angle or rectangle, which ND4J has no op for. In plain
 * Java a batch of 64 MNIST images costs 0.07 ms of CPU for {@code flip:0.5,crop:4}, 0.26 ms with rotation and
 * erasing added, and 13 ms for elastic distortion (its Gaussian-smoothed fields), measured by
 * {@code src/bench/AugmentCost.java}; against a training step of about 40 ms, and on a thread of its own while the
 * network trains (see {@code atelier.train.BatchPreparer}).
 *
 * <h2>What "background" means here</h2>
 * Images arrive normalised, so a stored 0 is the mean pixel (grey), not black. Fills therefore come in two kinds
 * (see {@link atelier.augment.PixelScale}): {@code zero}, torchvision's {@code fill=0} on a normalised tensor, and
 * {@code background}, a black pixel, which is what {@code fill=0} gives in the usual torchvision pipeline that
 * crops and rotates before it normalises, and what the borders of MNIST and Fashion-MNIST are. Crop, rotation and
 * affine fill with {@code background} by default; erasing with {@code zero}, as torchvision's RandomErasing, which
 * runs on normalised tensors.
 */
package atelier.augment;
