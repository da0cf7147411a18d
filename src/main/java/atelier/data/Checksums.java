package atelier.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SHA-256 sums in the format of {@code sha256sum}: the {@code SHA256SUMS} file shipped beside each dataset. */
public final class Checksums {
    public static final String FILE_NAME = "SHA256SUMS";

    private Checksums() {
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** File name to expected sum, from the folder's SHA256SUMS; empty when the folder has none. */
    public static Map<String, String> expected(Path folder) {
        Path sums = folder.resolve(FILE_NAME);
        Map<String, String> expected = new LinkedHashMap<>();
        if (!Files.isRegularFile(sums)) {
            return expected;
        }
        try {
            List<String> lines = Files.readAllLines(sums);
            for (String line : lines) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2) {
                    expected.put(parts[1].trim(), parts[0].toLowerCase());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(sums + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return expected;
    }

    /** Throws when {@code file} is listed in its folder's SHA256SUMS with another sum. */
    public static void verify(Path file) {
        String expected = expected(file.getParent()).get(file.getFileName().toString());
        if (expected == null) {
            return;
        }
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new DatasetException(file + ": SHA-256 is " + actual + " but " + FILE_NAME + " lists "
                    + expected + ": the file is damaged or was replaced");
        }
    }
}
