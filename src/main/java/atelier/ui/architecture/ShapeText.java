package atelier.ui.architecture;

import atelier.model.InputShape;
import java.util.List;
import java.util.stream.Collectors;

/** Shapes per example as the tab writes them: "32×26×26" (channels × height × width) for images, "128" for vectors. */
final class ShapeText {
    private ShapeText() {
    }

    static String of(List<Integer> shape) {
        return shape.stream().map(String::valueOf).collect(Collectors.joining("×"));
    }

    static String of(InputShape shape) {
        return of(shape.asList());
    }
}
