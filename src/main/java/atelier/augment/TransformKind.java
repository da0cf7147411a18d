package atelier.augment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The transforms a pipeline can hold, with their names in the text form and their parameters. The first
 * parameter is the main one: the text form may give it without its name ({@code crop:4} is {@code crop:padding=4}).
 * Defaults are torchvision's where torchvision has the transform and a default.
 */
public enum TransformKind {
    FLIP("flip", "horizontal flip (RandomHorizontalFlip)", Parameter.probability(0.5)),
    VFLIP("vflip", "vertical flip (RandomVerticalFlip)", Parameter.probability(0.5)),
    CROP("crop", "random crop of the image's size after padding (RandomCrop)",
            Parameter.whole("padding", "pixels added on every side before cropping", 0, 16, 4),
            Parameter.choice("fill", "what the padding holds", "background", Border.NAMES),
            Parameter.probability(1)),
    ROTATE("rotate", "rotation by an angle from [-degrees, degrees] (RandomRotation)",
            Parameter.number("degrees", "largest angle, either way", 0, 180, 10),
            Parameter.choice("fill", "what the corners hold", "background", Border.NAMES),
            Parameter.choice("interp", "interpolation", "nearest", "nearest", "bilinear"),
            Parameter.probability(1)),
    AFFINE("affine", "rotation, translation, scale and shear (RandomAffine)",
            Parameter.number("degrees", "largest rotation, either way", 0, 180, 0),
            Parameter.number("translate", "largest shift as a fraction of the size", 0, 0.5, 0.1),
            Parameter.number("smin", "smallest scale", 0.25, 4, 0.9),
            Parameter.number("smax", "largest scale", 0.25, 4, 1.1),
            Parameter.number("shear", "largest horizontal shear in degrees, either way", 0, 60, 0),
            Parameter.choice("fill", "what the uncovered area holds", "background", Border.NAMES),
            Parameter.choice("interp", "interpolation", "nearest", "nearest", "bilinear"),
            Parameter.probability(1)),
    ERASE("erase", "random erasing of a rectangle (RandomErasing)",
            Parameter.probability(0.5),
            Parameter.number("smin", "smallest erased fraction of the image", 0.001, 1, 0.02),
            Parameter.number("smax", "largest erased fraction of the image", 0.001, 1, 0.33),
            Parameter.number("rmin", "smallest aspect ratio (height / width)", 0.05, 20, 0.3),
            Parameter.number("rmax", "largest aspect ratio (height / width)", 0.05, 20, 3.3),
            Parameter.choice("fill", "what the rectangle holds", "zero", RandomErasing.FILLS)),
    NOISE("noise", "Gaussian noise added to every pixel (GaussianNoise)",
            Parameter.number("sigma", "standard deviation, in pixel values from 0 to 1", 0, 1, 0.1),
            Parameter.probability(1)),
    BRIGHTNESS("brightness", "brightness times a factor from [1 - b, 1 + b] (ColorJitter)",
            Parameter.number("amount", "b: how far the factor may stray from 1", 0, 1, 0.2),
            Parameter.probability(1)),
    CONTRAST("contrast", "contrast times a factor from [1 - c, 1 + c] (ColorJitter)",
            Parameter.number("amount", "c: how far the factor may stray from 1", 0, 1, 0.2),
            Parameter.probability(1)),
    ELASTIC("elastic", "elastic distortion (Simard et al. 2003)",
            Parameter.number("alpha", "strength of the displacement, in pixels", 0, 100, 34),
            Parameter.number("sigma", "smoothness of the displacement field, in pixels", 0.5, 10, 4),
            Parameter.choice("fill", "what is read outside the image", "background", Border.NAMES),
            Parameter.probability(1));

    private final String key;
    private final String description;
    private final List<Parameter> parameters;

    TransformKind(String key, String description, Parameter... parameters) {
        this.key = key;
        this.description = description;
        this.parameters = List.of(parameters);
    }

    /** The name in the text form. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException(key + ": unknown parameter '" + name + "' (" + key + " takes "
                        + parameterNames() + ")"));
    }

    int indexOf(String name) {
        return parameters.indexOf(parameter(name));
    }

    String parameterNames() {
        return parameters.stream().map(Parameter::name).collect(Collectors.joining(", "));
    }

    double[] defaults() {
        return parameters.stream().mapToDouble(Parameter::defaultValue).toArray();
    }

    public static Optional<TransformKind> byKey(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.key.equals(wanted)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(TransformKind::key).collect(Collectors.joining(", "));
    }

    /** Refuses values that are each in range but contradict each other (a smallest above a largest). */
    void checkTogether(double[] v) {
        switch (this) {
            case AFFINE -> order(v, "smin", "smax");
            case ERASE -> {
                order(v, "smin", "smax");
                order(v, "rmin", "rmax");
            }
            default -> {
            }
        }
    }

    private void order(double[] v, String low, String high) {
        Parameter lowParameter = parameter(low);
        Parameter highParameter = parameter(high);
        if (v[indexOf(low)] > v[indexOf(high)]) {
            throw new IllegalArgumentException(key + ": " + low + " (" + lowParameter.format(v[indexOf(low)])
                    + ") must not exceed " + high + " (" + highParameter.format(v[indexOf(high)]) + ")");
        }
    }

    Transform compile(double[] v, ImageShape shape, PixelScale scale) {
        return switch (this) {
            case FLIP -> new Flip(shape, v[0], true);
            case VFLIP -> new Flip(shape, v[0], false);
            case CROP -> new RandomCrop(shape, scale, (int) v[0], Border.of(v[1]), v[2]);
            case ROTATE -> new RandomAffine(shape, scale, v[0], 0, 1, 1, 0, Border.of(v[1]), v[2] == 1, v[3]);
            case AFFINE -> new RandomAffine(shape, scale, v[0], v[1], v[2], v[3], v[4], Border.of(v[5]), v[6] == 1,
                    v[7]);
            case ERASE -> new RandomErasing(shape, scale, v[0], v[1], v[2], v[3], v[4], (int) v[5]);
            case NOISE -> new PixelJitter(shape, scale, PixelJitter.Kind.NOISE, v[0], v[1]);
            case BRIGHTNESS -> new PixelJitter(shape, scale, PixelJitter.Kind.BRIGHTNESS, v[0], v[1]);
            case CONTRAST -> new PixelJitter(shape, scale, PixelJitter.Kind.CONTRAST, v[0], v[1]);
            case ELASTIC -> new ElasticDistortion(shape, scale, v[0], v[1], Border.of(v[2]), v[3]);
        };
    }
}
