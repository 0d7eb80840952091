// Grayscale conversion, GrayImage.of's arithmetic: ITU-R BT.601 luma in integers, composed over
// white by alpha. One thread per pixel.
extern "C" __global__ void grayscale(const unsigned int* argb, unsigned char* gray, long long count) {
  long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= count) {
    return;
  }
  unsigned int p = argb[i];
  int alpha = (int)((p >> 24) & 0xff);
  int r = (int)((p >> 16) & 0xff);
  int g = (int)((p >> 8) & 0xff);
  int b = (int)(p & 0xff);
  int luma = (299 * r + 587 * g + 114 * b + 500) / 1000;
  gray[i] = (unsigned char)((luma * alpha + 255 * (255 - alpha) + 127) / 255);
}
