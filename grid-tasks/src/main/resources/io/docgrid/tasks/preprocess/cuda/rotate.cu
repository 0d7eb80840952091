// Rotation (Preprocessor#rotate): inverse mapping, bilinear in fixed point, white outside. One
// thread per output pixel, the closed form of the source position in 64-bit integers.

__device__ static inline int source_pixel(const unsigned char* source, int width, int height,
                                          long long x, long long y) {
  if (x < 0 || y < 0 || x >= width || y >= height) {
    return 255;
  }
  return source[y * width + x];
}

extern "C" __global__ void rotate_bilinear(const unsigned char* source, unsigned char* target,
                                           int width, int height, int sine, int cosine) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height) {
    return;
  }
  long long dx = 2LL * x - (width - 1);
  long long dy = 2LL * y - (height - 1);
  long long u = (long long)(width - 1) * 65536 + dx * cosine - dy * sine;
  long long v = (long long)(height - 1) * 65536 + dx * sine + dy * cosine;
  long long x0 = u >> 17;
  long long y0 = v >> 17;
  int value = 255;
  if (x0 >= -1 && y0 >= -1 && x0 < width && y0 < height) {
    int fx = (int)((u >> 9) & 255);
    int fy = (int)((v >> 9) & 255);
    int top = source_pixel(source, width, height, x0, y0) * (256 - fx)
              + source_pixel(source, width, height, x0 + 1, y0) * fx;
    int bottom = source_pixel(source, width, height, x0, y0 + 1) * (256 - fx)
                 + source_pixel(source, width, height, x0 + 1, y0 + 1) * fx;
    value = (top * (256 - fy) + bottom * fy + 32768) >> 16;
  }
  target[(long long)y * width + x] = (unsigned char)value;
}
