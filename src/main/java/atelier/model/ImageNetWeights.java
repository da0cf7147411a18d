package atelier.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.VGG16;

/**
 * VGG16's ImageNet weights through the zoo's own initPretrained, which downloads them once into DL4J's resource
 * folder and checks their Adler-32 checksum before use. Whatever goes wrong, the target network is untouched, so it
 * stays usable with its fresh initialisation; the message says what happened and what to do instead.
 */
public final class ImageNetWeights {
    /** The zoo's file name, which a user can also import from disk through {@link Checkpoints}. */
    public static final String FILE_NAME = "vgg16_dl4j_inference.zip";

    private ImageNetWeights() {
    }

    public static TransferReport apply(BuiltModel target) {
        if (!Vgg16Architecture.NAME.equals(target.architecture())) {
            throw new ModelException("ImageNet weights exist for vgg16 only, not for " + target.architecture());
        }
        ComputationGraph imagenet = download();
        return Checkpoints.copyMatching(imagenet, "ImageNet VGG16", target);
    }

    private static ComputationGraph download() {
        try {
            return (ComputationGraph) VGG16.builder().build().initPretrained(PretrainedType.IMAGENET);
        } catch (IOException e) {
            if (offline(e)) {
                throw new ModelException("ImageNet weights for VGG16 cannot be downloaded: no connection to DL4J's "
                        + "model server (" + e + "). The model keeps its fresh initialisation; to use ImageNet "
                        + "weights offline, import a copy of " + FILE_NAME + " from a file.", e);
            }
            throw new ModelException("ImageNet weights for VGG16 could not be downloaded (" + e.getMessage()
                    + "). The model keeps its fresh initialisation.", e);
        } catch (IllegalStateException e) {
            throw new ModelException("the downloaded ImageNet weights for VGG16 failed their checksum and were "
                    + "deleted; try again later. The model keeps its fresh initialisation.", e);
        } catch (RuntimeException e) {
            throw new ModelException("the ImageNet weights for VGG16 could not be read (" + e.getMessage()
                    + "). The model keeps its fresh initialisation.", e);
        }
    }

    private static boolean offline(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
