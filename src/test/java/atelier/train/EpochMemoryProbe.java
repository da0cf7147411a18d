package atelier.train;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory after each of N epochs' batches of Fashion-MNIST, each freed after use ({@code release}) or
 * left to the garbage collector ({@code keep}) by {@link TrainingData#release}: the measurement behind README's memory figures. Run with the test
 * class path: {@code java -cp target/test-classes:target/classes:CP atelier.train.EpochMemoryProbe keep 12}.
 */
public final class EpochMemoryProbe {
    private EpochMemoryProbe() {
    }

    private static long residentMegabytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        atelier.nd4j.Nd4jSetup.configure();
        boolean release = args[0].equals("release");
        int epochs = Integer.parseInt(args[1]);
        Dataset fashion = DatasetLoader.load("fashion", Progress.NONE);
        TrainingData data = TrainingData.from(new LabelView(fashion, LabelJournal.inMemory()), 0, 1);
        System.out.println("start rss " + residentMegabytes() + " MB");
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (TrainingData.Batch batch : data.trainBatches(epoch, 64, 1)) {
                if (release) {
                    TrainingData.release(batch);
                }
            }
            System.out.println("epoch " + epoch + " rss " + residentMegabytes() + " MB");
        }
    }
}
