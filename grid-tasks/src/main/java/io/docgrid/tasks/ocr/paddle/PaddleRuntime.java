package io.docgrid.tasks.ocr.paddle;

import java.util.ArrayList;
import java.util.List;

/**
 * How a node runs PaddleOCR's models: it opens the {@link PaddleInference} on the node's first
 * PaddleOCR page, so that a node reading only with Tesseract never loads them.
 */
@FunctionalInterface
public interface PaddleRuntime {

  /**
   * @throws IllegalStateException when the models cannot be loaded
   */
  PaddleInference open();

  /** ONNX Runtime's CPU provider, each page calling the models from its own thread. */
  static PaddleRuntime cpu() {
    return () -> new DirectInference(PaddleModels.load(1));
  }

  /**
   * ONNX Runtime's CUDA provider, one set of sessions per device in {@code devices}, the calls of
   * all the node's pages batched per model.
   */
  static PaddleRuntime cuda(
      List<Integer> devices, BatchedInference.Limits limits, BatchedInference.Listener listener) {
    List<Integer> ordinals = List.copyOf(devices);
    return () -> {
      List<PaddleModels> loaded = new ArrayList<>();
      try {
        for (int device : ordinals) {
          loaded.add(PaddleModels.loadOnCuda(device));
        }
        return new BatchedInference(loaded, limits, listener);
      } catch (RuntimeException e) {
        loaded.forEach(PaddleModels::close);
        throw e;
      }
    };
  }
}
