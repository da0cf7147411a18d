package atelier;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions and platform choices fixed at build time (src/main/resources/atelier-build.properties). */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/atelier-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("atelier-build.properties cannot be read", e);
        }
        return properties;
    }

    public static String atelierVersion() {
        return PROPERTIES.getProperty("atelier.version", "unknown");
    }

    public static String dl4jVersion() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    public static String javafxVersion() {
        return PROPERTIES.getProperty("javafx.version", "unknown");
    }

    /** ND4J's native build variant for this platform, such as "-onednn-avx2", or "" for the generic one. */
    public static String nd4jExtension() {
        return PROPERTIES.getProperty("nd4j.extension", "");
    }
}
