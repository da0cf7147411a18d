package atelier.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's RandomRotation and RandomAffine: about the image centre, a rotation by an angle drawn from
 * [-degrees, degrees] (positive turns counter-clockwise on screen), a translation by whole pixels drawn from
 * [-translate * size, translate * size], a scale from [scaleMin, scaleMax] and a horizontal shear from
 * [-shear, shear] degrees, drawn in that order. Each output pixel reads the input at the inverse-mapped position,
 * by nearest neighbour (torchvision's default) or bilinearly.
 */
final class RandomAffine implements Transform {
    private final ImageShape shape;
    private final double degrees;
    private final double translate;
    private final double scaleMin;
    private final double scaleMax;
    private final double shear;
    private final double p;
    private final Sampler sampler;
    private final float[] copy;

    RandomAffine(ImageShape shape, PixelScale scale, double degrees, double translate, double scaleMin,
                 double scaleMax, double shear, Border border, boolean bilinear, double p) {
        this.shape = shape;
        this.degrees = degrees;
        this.translate = translate;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.shear = shear;
        this.p = p;
        this.sampler = new Sampler(shape, border, scale, bilinear);
        this.copy = new float[shape.pixels()];
    }

    @Override
    public void apply(float[] images, int offset, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        double angle = Transform.uniform(random, -degrees, degrees);
        double tx = Math.rint(Transform.uniform(random, -translate * shape.width(), translate * shape.width()));
        double ty = Math.rint(Transform.uniform(random, -translate * shape.height(), translate * shape.height()));
        double s = Transform.uniform(random, scaleMin, scaleMax);
        double shearX = Transform.uniform(random, -shear, shear);
        warp(images, offset, angle, tx, ty, s, shearX);
    }

    /**
     * Maps the image by p' = c + t + R(angle) Sh(shearX) s (p - c), c the centre ((w-1)/2, (h-1)/2), with x to
     * the right and y down; R turns counter-clockwise on screen.
     */
    void warp(float[] images, int offset, double angleDegrees, double tx, double ty, double s, double shearDegrees) {
        double angle = Math.toRadians(angleDegrees);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double k = Math.tan(Math.toRadians(shearDegrees));
        // R = [[cos, sin], [-sin, cos]] (counter-clockwise with y down), Sh = [[1, k], [0, 1]]
        double a = s * cos;
        double b = s * (cos * k + sin);
        double c = -s * sin;
        double d = s * (-sin * k + cos);
        double det = a * d - b * c;
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        double cx = (shape.width() - 1) / 2.0;
        double cy = (shape.height() - 1) / 2.0;
        int w = shape.width();
        System.arraycopy(images, offset, copy, 0, copy.length);
        for (int ch = 0; ch < shape.channels(); ch++) {
            int plane = ch * shape.plane();
            for (int row = 0; row < shape.height(); row++) {
                double qy = row - cy - ty;
                for (int column = 0; column < w; column++) {
                    double qx = column - cx - tx;
                    double x = cx + ia * qx + ib * qy;
                    double y = cy + ic * qx + id * qy;
                    images[offset + plane + row * w + column] = sampler.sample(copy, plane, x, y);
                }
            }
        }
    }
}
