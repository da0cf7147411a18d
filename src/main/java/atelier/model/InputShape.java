package atelier.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of one input image, channels first as DL4J and PyTorch store it. Written as HEIGHTxWIDTHxCHANNELS on the
 * command line ("28x28x1") because that is how image sizes are usually spoken of.
 */
public record InputShape(int channels, int height, int width) {
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*[xX]\\s*(\\d+)\\s*[xX]\\s*(\\d+)\\s*");

    public InputShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("an input needs at least one channel and one pixel, got "
                    + height + "x" + width + "x" + channels);
        }
    }

    public static InputShape of(int channels, int height, int width) {
        return new InputShape(channels, height, width);
    }

    /** Reads "28x28x1" (height x width x channels). */
    public static InputShape parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("input size must look like 28x28x1 (height x width x channels), got \""
                    + text + "\"");
        }
        try {
            return new InputShape(Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("input size is too large: " + text, e);
        }
    }

    public InputShape withSize(int newHeight, int newWidth) {
        return new InputShape(channels, newHeight, newWidth);
    }

    /** [channels, height, width], the order of the JSON output and of DL4J's activations. */
    public List<Integer> asList() {
        return List.of(channels, height, width);
    }

    public long values() {
        return (long) channels * height * width;
    }

    /** The form {@link #parse} reads. */
    public String text() {
        return height + "x" + width + "x" + channels;
    }

    @Override
    public String toString() {
        return text();
    }
}
