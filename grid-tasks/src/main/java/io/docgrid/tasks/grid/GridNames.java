package io.docgrid.tasks.grid;

/**
 * Every name the nodes of a cluster must agree on: messaging topics, caches, data regions, node
 * attributes and task session attributes. A running cluster depends on these values, and a node of
 * the next version must still understand them, so change none of them; add new ones. The table in
 * docs/architecture.md ("Grid contract") says what each one carries and who uses it.
 */
public final class GridNames {

  // Messaging topics (see GridTopic for what travels on each, and how)

  /** {@code JobStarted}, from the executing node to the node that submitted the job. */
  public static final String JOB_STARTED_TOPIC = "docgrid.job.started";

  /** {@code PagesDone}, from the executing node to the node that submitted the job. */
  public static final String PAGES_DONE_TOPIC = "docgrid.job.pages";

  /** A job id, to every server node: whichever holds the job's grid task cancels it. */
  public static final String CANCEL_JOB_TOPIC = "docgrid.jobs.cancel";

  /** A job id, to every server node: the job finished, for clients waiting on another node. */
  public static final String JOB_FINISHED_TOPIC = "docgrid.jobs.finished";

  /** An API key prefix, to every server node: the key was revoked or rotated. */
  public static final String KEYS_CHANGED_TOPIC = "docgrid.keys.changed";

  /** A document hash, or {@code *} for all, to every server node: drop those near-cache copies. */
  public static final String RESULT_CACHE_INVALIDATED_TOPIC = "docgrid.result-cache.invalidated";

  /** A node id, to that node: it was asked to drain. */
  public static final String DRAIN_NODE_TOPIC = "docgrid.nodes.drain";

  // Caches

  /** The cached outcomes of documents already processed, by content and options. */
  public static final String RESULT_CACHE = "docgrid-result-cache";

  /** The job computing each result-cache entry right now, so identical jobs wait for it. */
  public static final String IN_FLIGHT_CACHE = "docgrid-result-cache-in-flight";

  /** The Bucket4j buckets of request rates and page quotas, per caller. */
  public static final String RATE_LIMIT_CACHE = "docgrid-rate-limits";

  /** The ids of the nodes asked to drain; replicated, started by every server node. */
  public static final String DRAINING_CACHE = "docgrid-draining";

  // Data regions

  /** Where every cache lives that names no other region. */
  public static final String DEFAULT_REGION = "default";

  /** The result cache's bounded, evicting region. */
  public static final String RESULT_CACHE_REGION = "docgrid-result-cache";

  // Node attributes

  /** {@code true} on nodes that execute document jobs. */
  public static final String COMPUTE_ROLE_ATTRIBUTE = "docgrid.role.compute";

  /** {@code true} on nodes that serve the HTTP API. */
  public static final String API_ROLE_ATTRIBUTE = "docgrid.role.api";

  /** Number of GPUs the node preprocesses pages on, an Integer; absent means none. */
  public static final String GPU_COUNT_ATTRIBUTE = "docgrid.gpu.count";

  /** Their names, comma-separated, in device order: "NVIDIA H100 80GB HBM3". */
  public static final String GPU_NAMES_ATTRIBUTE = "docgrid.gpu.names";

  /** {@code true} on nodes that run PaddleOCR's models on their GPUs; absent means on the CPU. */
  public static final String PADDLE_ON_GPU_ATTRIBUTE = "docgrid.gpu.paddleocr";

  /** The node's name; Ignite sets it from the instance name. */
  public static final String INSTANCE_NAME_ATTRIBUTE = "org.apache.ignite.ignite.name";

  // Task session attributes

  /**
   * The tier's priority, higher first among equals on a busy compute node. Ignite's priority
   * collision SPI reads the same key by default.
   */
  public static final String TASK_PRIORITY_ATTRIBUTE = "grid.task.priority";

  /** The tenant whose document a task works on; tenants share a node's job slots fairly. */
  public static final String TASK_TENANT_ATTRIBUTE = "docgrid.task.tenant";

  private GridNames() {}
}
