package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTX;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTXSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.SizeTPointer;

/** Compiles a kernel source to PTX with NVRTC for one virtual architecture. */
final class KernelCompiler {

  private KernelCompiler() {}

  /** The PTX text of {@code source}; a compile error carries NVRTC's log. */
  static String ptx(String fileName, String source, String architecture) {
    List<String> options = new ArrayList<>(KernelSources.COMPILE_OPTIONS);
    options.add("--gpu-architecture=" + architecture);
    _nvrtcProgram program = new _nvrtcProgram();
    try (PointerScope scope = new PointerScope()) {
      Cuda.checkNvrtc(
          "nvrtcCreateProgram(" + fileName + ")",
          nvrtcCreateProgram(
              program,
              new BytePointer(source),
              new BytePointer(fileName),
              0,
              (PointerPointer<?>) null,
              (PointerPointer<?>) null));
      try {
        int status =
            nvrtcCompileProgram(
                program, options.size(), new PointerPointer<>(options.toArray(new String[0])));
        Cuda.checkNvrtc(
            "nvrtcCompileProgram(" + fileName + ", " + architecture + ")", status, log(program));
        SizeTPointer size = new SizeTPointer(1);
        Cuda.checkNvrtc("nvrtcGetPTXSize", nvrtcGetPTXSize(program, size));
        BytePointer ptx = new BytePointer(size.get());
        Cuda.checkNvrtc("nvrtcGetPTX", nvrtcGetPTX(program, ptx));
        return ptx.getString();
      } finally {
        nvrtcDestroyProgram(program);
      }
    }
  }

  private static String log(_nvrtcProgram program) {
    SizeTPointer size = new SizeTPointer(1);
    if (nvrtcGetProgramLogSize(program, size) != 0 || size.get() <= 1) {
      return null;
    }
    BytePointer log = new BytePointer(size.get());
    return nvrtcGetProgramLog(program, log) == 0 ? log.getString() : null;
  }
}
