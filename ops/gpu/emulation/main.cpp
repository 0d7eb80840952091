// Runs every kernel on the host, one block at a time (a thread per CUDA thread, a barrier for
// __syncthreads), and checks it against the formulas of Preprocessor written out in C++.
#include "prelude.h"
#include "grayscale.inc"
#include "skew.inc"
#include "rotate.inc"
#include "sauvola.inc"
#include <random>
static int fails = 0;
#define CHECK(c, ...) do { if (!(c)) { fails++; if (fails < 20) printf(__VA_ARGS__); } } while (0)
unsigned cover(long n, unsigned b) { return (unsigned)((n + b - 1) / b); }
int fsin(double d) { return (int)llround(std::floor(std::sin(d * M_PI / 180) * 65536 + 0.5)); }
int fcos(double d) { return (int)llround(std::floor(std::cos(d * M_PI / 180) * 65536 + 0.5)); }
int main() {
  std::mt19937 rng(42);
  int w = 67, h = 45;
  std::vector<unsigned char> img(w * h);
  for (auto& p : img) p = rng() % 256;
  for (int i = 0; i < w * h; i += 7) img[i] = rng() % 40;  // some ink
  // grayscale
  { std::vector<unsigned> argb(w * h); std::vector<unsigned char> g(w * h);
    for (auto& a : argb) a = rng();
    long long n = w * h;
    launch(cover(n, 256), 1, 256, 1, [&] { grayscale(argb.data(), g.data(), n); });
    for (int i = 0; i < w * h; i++) { unsigned p = argb[i]; int A = p >> 24 & 255, r = p >> 16 & 255, gg = p >> 8 & 255, b = p & 255;
      int l = (299 * r + 587 * gg + 114 * b + 500) / 1000; int e = (l * A + 255 * (255 - A) + 127) / 255;
      CHECK(g[i] == e, "gray %d: %d vs %d\n", i, g[i], e); } }
  // rotate vs the CPU's incremental form
  for (double deg : {-13.7, 0.0, 4.25, 90.0, 181.0}) {
    int s = fsin(deg), c = fcos(deg);
    std::vector<unsigned char> out(w * h);
    launch(cover(w, 32), cover(h, 8), 32, 8, [&] { rotate_bilinear(img.data(), out.data(), w, h, s, c); });
    auto px = [&](long x, long y) -> int { return (x < 0 || y < 0 || x >= w || y >= h) ? 255 : img[y * w + x]; };
    for (int y = 0; y < h; y++) { long dy = 2L * y - (h - 1); long dx = -(w - 1L);
      long u = (w - 1L) * 65536 + dx * c - dy * s, v = (h - 1L) * 65536 + dx * s + dy * c;
      for (int x = 0; x < w; x++, u += 2L * c, v += 2L * s) {
        long x0 = u >> 17, y0 = v >> 17; int e;
        if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) e = 255; else {
          int fx = (int)(u >> 9) & 255, fy = (int)(v >> 9) & 255;
          int top = px(x0, y0) * (256 - fx) + px(x0 + 1, y0) * fx, bot = px(x0, y0 + 1) * (256 - fx) + px(x0 + 1, y0 + 1) * fx;
          e = (top * (256 - fy) + bot * fy + 32768) >> 16; }
        CHECK(out[y * w + x] == e, "rotate %g (%d,%d): %d vs %d\n", deg, x, y, out[y * w + x], e); } } }
  // sauvola vs naive windows
  for (int window : {3, 31, 101}) {
    double k = 0.34, R = 128; int r = window / 2;
    std::vector<long long> sums((w + 1) * (h + 1), 0), sq((w + 1) * (h + 1), 0);
    std::vector<unsigned char> out(w * h);
    launch(cover(w, 256), 1, 256, 1, [&] { column_sums(img.data(), w, h, sums.data(), sq.data()); });
    launch(cover(h, 256), 1, 256, 1, [&] { row_sums(w, h, sums.data(), sq.data()); });
    launch(cover(w, 32), cover(h, 8), 32, 8, [&] { sauvola_threshold(img.data(), sums.data(), sq.data(), out.data(), w, h, r, k, R); });
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
      long long n = 0, s1 = 0, s2 = 0;
      for (int yy = std::max(0, y - r); yy <= std::min(h - 1, y + r); yy++) for (int xx = std::max(0, x - r); xx <= std::min(w - 1, x + r); xx++) { n++; s1 += img[yy * w + xx]; s2 += img[yy * w + xx] * img[yy * w + xx]; }
      long long V = n * s2 - s1 * s1; double mean = (double)s1 / n; double sd = std::sqrt((double)V) / n; double T = mean * (1.0 + k * (sd / R - 1.0));
      int e = img[y * w + x] <= T ? 0 : 255;
      CHECK(out[y * w + x] == e, "sauvola w%d (%d,%d): %d vs %d\n", window, x, y, out[y * w + x], e); } }
  // skew kernels
  { int W = 150, H = 70, f = 3; int tw = (W + f - 1) / f, th = (H + f - 1) / f;
    std::vector<unsigned char> src(W * H); for (auto& p : src) p = rng() % 256;
    std::vector<unsigned char> work(tw * th);
    launch(cover(tw, 32), cover(th, 8), 32, 8, [&] { block_mean(src.data(), W, H, f, work.data(), tw, th); });
    for (int Y = 0; Y < th; Y++) for (int X = 0; X < tw; X++) { int sum = 0, cnt = 0;
      for (int y = Y * f; y < std::min(Y * f + f, H); y++) for (int x = X * f; x < std::min(X * f + f, W); x++) { sum += src[y * W + x]; cnt++; }
      CHECK(work[Y * tw + X] == (sum + cnt / 2) / cnt, "block_mean (%d,%d)\n", X, Y); }
    std::vector<unsigned long long> hist(256, 0);
    long long cnt = tw * th;
    launch(std::min(256u, cover(cnt, 256)), 1, 256, 1, [&] { histogram(work.data(), cnt, hist.data()); });
    std::vector<unsigned long long> eh(256, 0); for (auto p : work) eh[p]++;
    CHECK(hist == eh, "histogram differs\n");
    int t = 100; unsigned inkCount = 0; std::vector<unsigned> ink(tw * th);
    launch(cover(tw, 32), cover(th, 8), 32, 8, [&] { collect_ink(work.data(), tw, th, t, ink.data(), &inkCount); });
    unsigned einks = 0; for (auto p : work) einks += p <= t; CHECK(inkCount == einks, "ink count %u vs %u\n", inkCount, einks);
    std::vector<int> angles = {-1500, -1475, -30, 0, 5, 1234, 1500}; int A = angles.size();
    std::vector<int> coef(2 * A); for (int i = 0; i < A; i++) { coef[i] = fsin(angles[i] / 100.0); coef[A + i] = fcos(angles[i] / 100.0); }
    int binCount = 2 * tw + th + 3, offset = tw + 1;
    std::vector<unsigned> bins((size_t)A * binCount, 0); std::vector<unsigned long long> scores(A);
    unsigned blocks = std::max(1u, std::min(32u, (inkCount + 255) / 256));
    launch(blocks, A, 256, 1, [&] { project_ink(ink.data(), inkCount, coef.data(), coef.data() + A, binCount, offset, bins.data()); });
    launch(A, 1, 256, 1, [&] { profile_scores(bins.data(), binCount, scores.data()); });
    for (int a = 0; a < A; a++) { std::vector<int> b(binCount, 0); int s = coef[a], c = coef[A + a];
      for (int y = 0; y < th; y++) { int base = y * c + (1 << 15); for (int x = 0; x < tw; x++) if (work[y * tw + x] <= t) b[((x * s + base) >> 16) + offset]++; }
      long long sc = 0; for (int i = 1; i < binCount; i++) { long long d = b[i] - b[i - 1]; sc += d * d; }
      CHECK((long long)scores[a] == sc, "score angle %d: %llu vs %lld\n", angles[a], scores[a], sc); } }
  printf("%s (%d failures)\n", fails ? "FAILED" : "all kernels agree", fails);
  return fails != 0;
}
