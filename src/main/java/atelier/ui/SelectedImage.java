package atelier.ui;

import atelier.data.Split;

/** An image of the current dataset: its split and its index within that split. */
public record SelectedImage(Split split, int index) {
}
