package atelier.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a dataset holds, as a short SHA-256: its class names and the pixels and labels of both splits, in order.
 * The same images give the same fingerprint wherever the folder lies, whether it was loaded from IDX files or from
 * image folders; one image changed, added or removed gives another. Label journals are found by it, so a moved or
 * copied dataset keeps its edits, and the edits of one dataset never apply to another (their indices would name
 * other images).
 */
public final class DatasetFingerprint {
    private static final int HEX_DIGITS = 16;

    private DatasetFingerprint() {
    }

    public static String of(Dataset dataset) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\n", dataset.classes()).getBytes(StandardCharsets.UTF_8));
            dataset.train().digestContent(digest);
            dataset.test().digestContent(digest);
            return HexFormat.of().formatHex(digest.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
