package io.docgrid.api.cluster;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.process.DrainingNodes;
import io.docgrid.tasks.process.GpuAttributes;
import io.docgrid.tasks.process.NodeRoles;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;

/**
 * {@code GET /api/v1/cluster}: every server node with its roles and load, and the job queue; {@code
 * POST /api/v1/cluster/nodes/{id}/drain}: a compute node takes no new grid jobs and, a worker,
 * leaves once its running jobs are done.
 */
public final class ClusterRoutes {

  public static final String CLUSTER_PATH = "/api/v1/cluster";
  public static final String DRAIN_PATH = CLUSTER_PATH + "/nodes/{id}/drain";

  /** One server node of the grid. */
  public record NodeView(
      String id,
      String name,
      List<String> roles,
      List<String> addresses,
      boolean local,
      double cpuLoad,
      long heapUsedBytes,
      long heapMaxBytes,
      int jobsRunning,
      int jobsWaiting,
      int jobsExecuted,
      boolean draining,
      List<String> gpus) {}

  /** Jobs by state, as the database counts them. */
  public record Queue(long queued, long running) {}

  public record ClusterView(List<NodeView> nodes, Queue jobs) {}

  private final Ignite ignite;
  private final DrainingNodes draining;
  private final JobRepository jobs;
  private final RequestValidator validator;

  public ClusterRoutes(
      Ignite ignite, DrainingNodes draining, JobRepository jobs, RequestValidator validator) {
    this.ignite = ignite;
    this.draining = draining;
    this.jobs = jobs;
    this.validator = validator;
  }

  @OpenApi(
      path = CLUSTER_PATH,
      methods = HttpMethod.GET,
      operationId = "clusterStatus",
      summary = "Server nodes with roles, CPU, heap and grid jobs; the job queue (admin)",
      tags = "cluster",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = ClusterView.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void status(Context ctx) {
    ClusterNode self = ignite.cluster().localNode();
    List<NodeView> nodes =
        ignite.cluster().forServers().nodes().stream()
            .map(node -> view(node, node.id().equals(self.id()), draining.isDraining(node.id())))
            .sorted(Comparator.comparing(NodeView::name))
            .toList();
    ctx.json(
        new ClusterView(
            nodes,
            new Queue(
                jobs.countByStatus(JobStatus.QUEUED), jobs.countByStatus(JobStatus.RUNNING))));
  }

  @OpenApi(
      path = DRAIN_PATH,
      methods = HttpMethod.POST,
      operationId = "drainNode",
      summary =
          "Drain a compute node: it takes no new grid jobs; a worker leaves once its running jobs"
              + " finish, a serve node keeps serving the API (admin)",
      tags = "cluster",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "202", content = @OpenApiContent(from = NodeView.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class))
      })
  public void drain(Context ctx) {
    UUID id = validator.valid(new PathId(ctx.pathParam("id"))).uuid();
    ClusterNode node = ignite.cluster().forServers().node(id);
    if (node == null) {
      throw ApiException.notFound("Node " + id);
    }
    if (!NodeRoles.isCompute(node)) {
      throw new ApiException(
          ErrorCode.NOT_A_COMPUTE_NODE,
          "Node " + id + " runs no document jobs (it is API-only), so there is nothing to drain.");
    }
    draining.drain(id);
    ctx.status(202).json(view(node, node.id().equals(ignite.cluster().localNode().id()), true));
  }

  private static NodeView view(ClusterNode node, boolean local, boolean draining) {
    ClusterMetrics metrics = node.metrics();
    List<String> roles =
        java.util.stream.Stream.of(
                Boolean.TRUE.equals(node.attribute(GridNames.API_ROLE_ATTRIBUTE)) ? "api" : null,
                Boolean.TRUE.equals(node.attribute(GridNames.COMPUTE_ROLE_ATTRIBUTE))
                    ? "compute"
                    : null)
            .filter(java.util.Objects::nonNull)
            .toList();
    Object name = node.attribute(GridNames.INSTANCE_NAME_ATTRIBUTE);
    return new NodeView(
        node.id().toString(),
        name == null ? node.consistentId().toString() : name.toString(),
        roles,
        List.copyOf(node.addresses()),
        local,
        Math.max(0, metrics.getCurrentCpuLoad()),
        metrics.getHeapMemoryUsed(),
        metrics.getHeapMemoryMaximum(),
        metrics.getCurrentActiveJobs(),
        metrics.getCurrentWaitingJobs(),
        metrics.getTotalExecutedJobs(),
        draining,
        GpuAttributes.names(node));
  }
}
