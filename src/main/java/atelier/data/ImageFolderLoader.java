package atelier.data;

import atelier.task.Progress;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Loads an image-folder dataset in the mnist_png layout: {@code training/<class>/*.png} and
 * {@code testing/<class>/*.png} (PNG or JPEG). Images are converted to grayscale at the dataset's size (the most
 * common size among its images); unreadable files, resized images and empty class folders are reported as
 * {@link LoadProblem}s and never stop the load.
 *
 * <p>Within a split, images are ordered by file name when every name is a number (so that {@code 123.png} is
 * image 123, as {@code data mislabel} writes them), else by class folder and then file name.
 */
public final class ImageFolderLoader {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageFolderLoader() {
    }

    public static boolean looksLikeImageFolder(Path folder) {
        return Files.isDirectory(folder.resolve(Split.TRAIN.folderName()))
                && Files.isDirectory(folder.resolve(Split.TEST.folderName()));
    }

    public static Dataset load(Path folder, String name, Progress progress) {
        if (!looksLikeImageFolder(folder)) {
            throw new DatasetException(folder + ": not an image-folder dataset: it needs the subfolders "
                    + Split.TRAIN.folderName() + "/<class>/ and " + Split.TEST.folderName() + "/<class>/");
        }
        List<LoadProblem> problems = Collections.synchronizedList(new ArrayList<>());
        List<String> classFolders = classFolders(folder);
        if (classFolders.isEmpty()) {
            throw new DatasetException(folder + ": no class folders under " + Split.TRAIN.folderName() + "/");
        }
        List<Entry> train = listFiles(folder.resolve(Split.TRAIN.folderName()), classFolders, problems);
        List<Entry> test = listFiles(folder.resolve(Split.TEST.folderName()), classFolders, problems);
        long total = train.size() + test.size();
        if (train.isEmpty()) {
            throw new DatasetException(folder.resolve(Split.TRAIN.folderName()) + ": holds no PNG or JPEG images");
        }
        AtomicLong done = new AtomicLong();
        Decoded[] trainImages = decode(train, problems, progress, done, total);
        Decoded[] testImages = decode(test, problems, progress, done, total);
        int[] size = mostCommonSize(trainImages, testImages);
        ImageSet trainSet = assemble(train, trainImages, size, problems);
        ImageSet testSet = assemble(test, testImages, size, problems);
        problems.sort(Comparator.comparing(LoadProblem::file));
        return new Dataset(name, folder, displayNames(folder, classFolders), trainSet, testSet, problems);
    }

    private record Entry(Path file, int label) {
    }

    private record Decoded(BufferedImage image) {
    }

    /**
     * Folders named 0..n-1 with a classes.txt beside them (as Atelier exports them) take their names from it;
     * otherwise a class is called by its folder's name.
     */
    private static List<String> displayNames(Path folder, List<String> classFolders) {
        boolean numbered = true;
        for (int i = 0; i < classFolders.size(); i++) {
            numbered &= classFolders.get(i).equals(Integer.toString(i));
        }
        if (numbered && Files.isRegularFile(folder.resolve(ClassNames.CLASSES_FILE))) {
            List<String> names = ClassNames.forIdxFolder(folder, classFolders.size());
            return names.subList(0, classFolders.size());
        }
        return classFolders;
    }

    private static List<String> classFolders(Path folder) {
        List<String> names = new ArrayList<>();
        for (Split split : Split.values()) {
            try (Stream<Path> children = Files.list(folder.resolve(split.folderName()))) {
                children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith(".")).filter(n -> !names.contains(n)).forEach(names::add);
            } catch (IOException e) {
                throw new DatasetException(folder.resolve(split.folderName()) + ": cannot be listed ("
                        + e.getMessage() + ")", e);
            }
        }
        names.sort(ImageFolderLoader::compareNames);
        return names;
    }

    /** Numbers in numeric order (2 before 10), anything else alphabetically after them. */
    static int compareNames(String a, String b) {
        boolean aNumber = a.matches("\\d{1,9}");
        boolean bNumber = b.matches("\\d{1,9}");
        if (aNumber && bNumber) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static List<Entry> listFiles(Path splitFolder, List<String> classes, List<LoadProblem> problems) {
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classFolder = splitFolder.resolve(classes.get(label));
            if (!Files.isDirectory(classFolder)) {
                problems.add(new LoadProblem(classFolder.toString(), "class folder is missing in this split"));
                continue;
            }
            int before = entries.size();
            try (Stream<Path> files = Files.list(classFolder)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                        entries.add(new Entry(file, label));
                    }
                }
            } catch (IOException e) {
                problems.add(new LoadProblem(classFolder.toString(), "cannot be listed (" + e.getMessage() + ")"));
            }
            if (entries.size() == before) {
                problems.add(new LoadProblem(classFolder.toString(), "empty class folder: no PNG or JPEG images"));
            }
        }
        boolean allNumbered = entries.stream().allMatch(e -> stem(e.file()).matches("\\d{1,9}"));
        if (allNumbered) {
            entries.sort(Comparator.comparingInt(e -> Integer.parseInt(stem(e.file()))));
        }
        return entries;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static Decoded[] decode(List<Entry> entries, List<LoadProblem> problems, Progress progress,
                                    AtomicLong done, long total) {
        Decoded[] decoded = new Decoded[entries.size()];
        IntStream.range(0, entries.size()).parallel().forEach(i -> {
            Progress.checkCancelled();
            Path file = entries.get(i).file();
            try {
                BufferedImage image = ImageIO.read(file.toFile());
                if (image == null) {
                    problems.add(new LoadProblem(file.toString(), "not a readable PNG or JPEG image; skipped"));
                } else {
                    decoded[i] = new Decoded(image);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(new LoadProblem(file.toString(), "unreadable image (" + e.getMessage() + "); skipped"));
            }
            long n = done.incrementAndGet();
            if (n % 500 == 0 || n == total) {
                progress.update("Reading images", n, total);
            }
        });
        return decoded;
    }

    private static int[] mostCommonSize(Decoded[]... splits) {
        Map<Long, Integer> counts = new HashMap<>();
        for (Decoded[] split : splits) {
            for (Decoded d : split) {
                if (d != null) {
                    counts.merge(((long) d.image().getHeight() << 32) | d.image().getWidth(), 1, Integer::sum);
                }
            }
        }
        long key = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new DatasetException("no readable image in the dataset"));
        return new int[] {(int) (key >>> 32), (int) key};
    }

    private static ImageSet assemble(List<Entry> entries, Decoded[] decoded, int[] size, List<LoadProblem> problems) {
        int height = size[0];
        int width = size[1];
        int count = (int) Arrays.stream(decoded).filter(d -> d != null).count();
        byte[] pixels = new byte[count * height * width];
        int[] labels = new int[count];
        List<Path> files = new ArrayList<>(count);
        int n = 0;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == null) {
                continue;
            }
            BufferedImage image = decoded[i].image();
            if (image.getHeight() != height || image.getWidth() != width) {
                problems.add(new LoadProblem(entries.get(i).file().toString(), "is " + image.getWidth() + "x"
                        + image.getHeight() + ", resized to the dataset's " + width + "x" + height));
            }
            toGray(image, height, width, pixels, n * height * width);
            labels[n] = entries.get(i).label();
            files.add(entries.get(i).file());
            n++;
        }
        return new ImageSet(height, width, pixels, labels, files);
    }

    /** Luma (ITU-R BT.601) of the image scaled to height × width; grayscale images of the right size are copied. */
    private static void toGray(BufferedImage source, int height, int width, byte[] target, int offset) {
        if (source.getType() == BufferedImage.TYPE_BYTE_GRAY && source.getHeight() == height
                && source.getWidth() == width) {
            byte[] gray = (byte[]) source.getRaster().getDataElements(0, 0, width, height, null);
            System.arraycopy(gray, 0, target, offset, gray.length);
            return;
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        int[] rgb = scaled.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xff;
            int gr = (rgb[i] >> 8) & 0xff;
            int b = rgb[i] & 0xff;
            target[offset + i] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
        }
    }
}
