package io.docgrid.tasks.ocr.paddle;

/**
 * What recognition read along one line: at each output step, the most likely class (0 is CTC's
 * blank) and its probability.
 */
record RecognitionSteps(int[] classes, float[] probabilities) {

  int length() {
    return classes.length;
  }
}
