package io.docgrid.tasks.preprocess.cuda;

/**
 * One NVML reading of one GPU.
 *
 * @param utilization percent of the last sample period in which a kernel ran, 0–100
 */
public record GpuSample(
    int index, String name, int utilization, long memoryUsedBytes, long memoryTotalBytes) {}
