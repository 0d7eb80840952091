package io.docgrid.api.metrics;

import io.docgrid.tasks.process.NodeRoles;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterMetrics;

/**
 * This node's view of the grid, read from Ignite's node metrics at scrape time: document jobs
 * running and waiting here (the waiting ones queue by priority), jobs done, CPU load, and how many
 * server nodes, and of those compute nodes, the cluster has.
 */
public final class GridNodeMetrics extends Collector {

  private final Ignite ignite;

  public GridNodeMetrics(Ignite ignite) {
    this.ignite = ignite;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    ClusterMetrics local = ignite.cluster().localNode().metrics();
    return List.of(
        gauge(
            "docgrid_grid_jobs_running",
            "Grid jobs running on this node.",
            local.getCurrentActiveJobs()),
        gauge(
            "docgrid_grid_jobs_waiting",
            "Grid jobs waiting on this node for a free slot, highest priority first.",
            local.getCurrentWaitingJobs()),
        new CounterMetricFamily(
            "docgrid_grid_jobs_executed",
            "Grid jobs this node has finished.",
            local.getTotalExecutedJobs()),
        gauge(
            "docgrid_grid_cpu_load",
            "CPU load of this node, 0 to 1.",
            Math.max(0, local.getCurrentCpuLoad())),
        gauge(
            "docgrid_grid_server_nodes",
            "Server nodes in the cluster, as this node sees it.",
            ignite.cluster().forServers().nodes().size()),
        gauge(
            "docgrid_grid_compute_nodes",
            "Server nodes that run document jobs, as this node sees it.",
            NodeRoles.computeNodes(ignite).nodes().size()));
  }

  private static GaugeMetricFamily gauge(String name, String help, double value) {
    return new GaugeMetricFamily(name, help, value);
  }
}
