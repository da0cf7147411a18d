package atelier.train;

import atelier.BuildInfo;

/** The software and machine a run was computed with, recorded so that a result can be reproduced. */
public record RunEnvironment(String atelier, String deeplearning4j, String java, String os, String arch,
                            int threads, String nd4jBackend) {

    public static RunEnvironment current(int threads, String nd4jBackend) {
        return new RunEnvironment(BuildInfo.atelierVersion(), BuildInfo.dl4jVersion(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                threads, nd4jBackend);
    }
}
