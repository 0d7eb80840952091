package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.document.Stage;

/**
 * One call of a {@link Preprocessor}, as the preprocessing metrics count and time it: the {@link
 * Stage#DESKEW} stage is two calls (estimate the skew, then rotate), the others one each.
 */
public enum PreprocessStep {
  GRAYSCALE(Stage.GRAYSCALE.wireName()),
  SKEW("skew"),
  ROTATE("rotate"),
  BINARIZE(Stage.BINARIZE.wireName());

  private final String label;

  PreprocessStep(String label) {
    this.label = label;
  }

  /** The {@code stage} label of the preprocessing metrics. */
  public String label() {
    return label;
  }
}
