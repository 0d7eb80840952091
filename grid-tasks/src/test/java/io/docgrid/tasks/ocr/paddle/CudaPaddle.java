package io.docgrid.tasks.ocr.paddle;

/** Whether the GPU tests of PaddleOCR can run here, and if not, why. */
final class CudaPaddle {

  private CudaPaddle() {}

  /** Null when ONNX Runtime's CUDA provider opens device 0, else the reason it does not. */
  static String unavailableBecause() {
    if (!PaddleModels.cudaAvailable()) {
      return "this build's ONNX Runtime has no CUDA execution provider (build with"
          + " -Ponnxruntime-gpu)";
    }
    try {
      PaddleModels.loadOnCuda(0).close();
      return null;
    } catch (IllegalStateException e) {
      return "CUDA device 0 is not usable: " + e.getCause();
    }
  }
}
