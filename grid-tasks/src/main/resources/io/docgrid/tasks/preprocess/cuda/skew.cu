// Skew estimation (Preprocessor#estimateSkewDegrees): the working image, its histogram, the ink
// pixels, and the projection-profile score of every candidate angle of a search step at once.

__device__ static inline int smaller(int a, int b) { return a < b ? a : b; }

// Block means over f x f blocks, partial at the right and bottom edges: (sum + count / 2) / count.
extern "C" __global__ void block_mean(const unsigned char* source, int width, int height, int factor,
                                      unsigned char* target, int targetWidth, int targetHeight) {
  int bx = blockIdx.x * blockDim.x + threadIdx.x;
  int by = blockIdx.y * blockDim.y + threadIdx.y;
  if (bx >= targetWidth || by >= targetHeight) {
    return;
  }
  int left = bx * factor;
  int top = by * factor;
  int right = smaller(left + factor, width);
  int bottom = smaller(top + factor, height);
  int sum = 0;
  for (int y = top; y < bottom; y++) {
    const unsigned char* row = source + (long long)y * width;
    for (int x = left; x < right; x++) {
      sum += row[x];
    }
  }
  int count = (right - left) * (bottom - top);
  target[(long long)by * targetWidth + bx] = (unsigned char)((sum + count / 2) / count);
}

// 256-bin histogram: per-block counts in shared memory, then added to the global bins.
extern "C" __global__ void histogram(const unsigned char* image, long long count,
                                     unsigned long long* bins) {
  __shared__ unsigned int local[256];
  for (int i = threadIdx.x; i < 256; i += blockDim.x) {
    local[i] = 0;
  }
  __syncthreads();
  long long stride = (long long)gridDim.x * blockDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += stride) {
    atomicAdd(&local[image[i]], 1u);
  }
  __syncthreads();
  for (int i = threadIdx.x; i < 256; i += blockDim.x) {
    if (local[i] != 0) {
      atomicAdd(&bins[i], (unsigned long long)local[i]);
    }
  }
}

// Ink pixels (value <= threshold) packed as y << 16 | x; the working image is at most 2048 wide and
// high. Their order is irrelevant: the profiles only count them.
extern "C" __global__ void collect_ink(const unsigned char* image, int width, int height,
                                       int threshold, unsigned int* ink, unsigned int* inkCount) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height) {
    return;
  }
  if (image[y * width + x] <= threshold) {
    unsigned int slot = atomicAdd(inkCount, 1u);
    ink[slot] = ((unsigned int)y << 16) | (unsigned int)x;
  }
}

// Projection profiles: blockIdx.y is the candidate angle, blockIdx.x a slice of the ink pixels.
// Each block counts its slice in shared memory (binCount ints) and adds them to the angle's row of
// bins, which the caller has zeroed. Bin of (X, Y): (X * S + Y * C + 32768) >> 16, plus offset.
extern "C" __global__ void project_ink(const unsigned int* ink, unsigned int inkCount,
                                       const int* sines, const int* cosines, int binCount,
                                       int offset, unsigned int* bins) {
  extern __shared__ unsigned int local[];
  int angle = blockIdx.y;
  int sine = sines[angle];
  int cosine = cosines[angle];
  for (int i = threadIdx.x; i < binCount; i += blockDim.x) {
    local[i] = 0;
  }
  __syncthreads();
  unsigned int stride = gridDim.x * blockDim.x;
  for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < inkCount; i += stride) {
    unsigned int packed = ink[i];
    int x = (int)(packed & 0xffff);
    int y = (int)(packed >> 16);
    atomicAdd(&local[((x * sine + y * cosine + 32768) >> 16) + offset], 1u);
  }
  __syncthreads();
  unsigned int* row = bins + (long long)angle * binCount;
  for (int i = threadIdx.x; i < binCount; i += blockDim.x) {
    if (local[i] != 0) {
      atomicAdd(&row[i], local[i]);
    }
  }
}

// Score of each angle (one block of 256 threads per angle): the sum over i of (h[i] - h[i-1])^2,
// exact in 64 bits.
extern "C" __global__ void profile_scores(const unsigned int* bins, int binCount,
                                          unsigned long long* scores) {
  __shared__ unsigned long long partial[256];
  const unsigned int* row = bins + (long long)blockIdx.x * binCount;
  unsigned long long sum = 0;
  for (int i = threadIdx.x + 1; i < binCount; i += blockDim.x) {
    long long difference = (long long)row[i] - (long long)row[i - 1];
    sum += (unsigned long long)(difference * difference);
  }
  partial[threadIdx.x] = sum;
  __syncthreads();
  for (int half = blockDim.x / 2; half > 0; half >>= 1) {
    if (threadIdx.x < half) {
      partial[threadIdx.x] += partial[threadIdx.x + half];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    scores[blockIdx.x] = partial[0];
  }
}
