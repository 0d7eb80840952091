// Just enough of CUDA to run the kernels on the host: blocks in turn, threads as std::threads.
#include <barrier>
#include <thread>
#include <vector>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <functional>
struct uint3_ { unsigned x, y, z; };
thread_local uint3_ threadIdx;
uint3_ blockIdx, blockDim, gridDim;
std::barrier<>* bar;
unsigned int dyn_shared[1 << 16];
#define __global__
#define __device__
#define __shared__ static
#define __syncthreads() bar->arrive_and_wait()
template <class T, class U> T atomicAdd(T* p, U v) { return __atomic_fetch_add(p, (T)v, __ATOMIC_SEQ_CST); }
void launch(unsigned gx, unsigned gy, unsigned bx, unsigned by, std::function<void()> kernel) {
  gridDim = {gx, gy, 1}; blockDim = {bx, by, 1};
  for (unsigned y = 0; y < gy; y++) for (unsigned x = 0; x < gx; x++) {
    blockIdx = {x, y, 0};
    std::barrier<> b(bx * by); bar = &b;
    std::vector<std::thread> ts;
    for (unsigned ty = 0; ty < by; ty++) for (unsigned tx = 0; tx < bx; tx++)
      ts.emplace_back([=] { threadIdx = {tx, ty, 0}; kernel(); });
    for (auto& t : ts) t.join();
  }
}
