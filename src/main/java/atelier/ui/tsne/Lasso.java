package atelier.ui.tsne;

/** Point-in-polygon by the even-odd rule (ray casting), for lasso selections in map coordinates. */
final class Lasso {
    private Lasso() {
    }

    static boolean contains(double[] xs, double[] ys, double x, double y) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }
}
