// Sauvola binarisation (Preprocessor#binarize) with two integral images of exact 64-bit sums, laid
// out (height + 1) x (width + 1) with a zero first row and column (the caller zeroes them).

// Pass 1, one thread per column (coalesced): running sums down each column.
extern "C" __global__ void column_sums(const unsigned char* source, int width, int height,
                                       long long* sums, long long* squares) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  if (x >= width) {
    return;
  }
  long long stride = width + 1;
  long long sum = 0;
  long long square = 0;
  for (int y = 0; y < height; y++) {
    long long value = source[(long long)y * width + x];
    sum += value;
    square += value * value;
    sums[(y + 1) * stride + x + 1] = sum;
    squares[(y + 1) * stride + x + 1] = square;
  }
}

// Pass 2, one thread per row: running sums along each row of the column sums.
extern "C" __global__ void row_sums(int width, int height, long long* sums, long long* squares) {
  int y = blockIdx.x * blockDim.x + threadIdx.x + 1;
  if (y > height) {
    return;
  }
  long long* sumRow = sums + (long long)y * (width + 1);
  long long* squareRow = squares + (long long)y * (width + 1);
  for (int x = 1; x <= width; x++) {
    sumRow[x] += sumRow[x - 1];
    squareRow[x] += squareRow[x - 1];
  }
}

__device__ static inline long long window_total(const long long* integral, long long stride,
                                                int left, int top, int right, int bottom) {
  return integral[(bottom + 1) * stride + right + 1] - integral[top * stride + right + 1]
         - integral[(bottom + 1) * stride + left] + integral[top * stride + left];
}

// The threshold in IEEE double in the specified order; the program is compiled without fused
// multiply-add so that it rounds like the JVM.
extern "C" __global__ void sauvola_threshold(const unsigned char* source, const long long* sums,
                                             const long long* squares, unsigned char* target,
                                             int width, int height, int radius, double k,
                                             double range) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height) {
    return;
  }
  int left = x - radius < 0 ? 0 : x - radius;
  int right = x + radius > width - 1 ? width - 1 : x + radius;
  int top = y - radius < 0 ? 0 : y - radius;
  int bottom = y + radius > height - 1 ? height - 1 : y + radius;
  long long stride = width + 1;
  long long n = (long long)(bottom - top + 1) * (right - left + 1);
  long long s1 = window_total(sums, stride, left, top, right, bottom);
  long long s2 = window_total(squares, stride, left, top, right, bottom);
  long long variance = n * s2 - s1 * s1;
  double mean = (double)s1 / (double)n;
  double deviation = sqrt((double)variance) / (double)n;
  double threshold = mean * (1.0 + k * (deviation / range - 1.0));
  long long index = (long long)y * width + x;
  target[index] = source[index] <= threshold ? 0 : 255;
}
