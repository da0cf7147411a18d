package atelier.cli;

import atelier.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints Atelier's version and the versions of the libraries a run depends on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "Atelier " + BuildInfo.atelierVersion(),
            "Deeplearning4j " + BuildInfo.dl4jVersion() + ", JavaFX " + BuildInfo.javafxVersion()
                + ", Java " + System.getProperty("java.version")
        };
    }
}
