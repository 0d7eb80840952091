package io.docgrid.api.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Scope;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.cache.ResultCache;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.cache.SingleFlight;
import io.docgrid.api.error.ErrorReporter;
import io.docgrid.api.jobs.JobOptions;
import io.docgrid.api.limits.RateLimiter;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.usage.UsageRecorder;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.JobLeaseRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.UsageRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.NewJob;
import io.docgrid.tasks.blob.LocalBlobStore;
import io.docgrid.tasks.blob.ResultKind;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.extraction.InProcessExtraction;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.pipeline.PagePipeline;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.tasks.process.ExtractionProbe;
import io.docgrid.tasks.process.PagePlanner;
import io.docgrid.tasks.process.WorkerContext;
import io.docgrid.testkit.LocalGrid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.EventType;

/**
 * The job engine on real parts, built from its constructors as node/wiring builds it: an embedded
 * H2 database migrated by Flyway, a local blob store, and one in-JVM Ignite node on 127.0.0.1 (32
 * MB of memory, 16 MB for the result cache) that is both the API node and, unless told otherwise, a
 * compute node extracting in process. More compute nodes can join it.
 */
final class EngineHarness implements AutoCloseable {

  static final Duration JOB_TIMEOUT = Duration.ofMinutes(1);
  static final Duration LEASE = Duration.ofSeconds(30);
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final long MB = 1L << 20;

  private final Path work;
  private final LocalGrid grid;
  private final List<AutoCloseable> resources = new ArrayList<>();

  final Database database;
  final JobRepository jobs;
  final JobLeaseRepository leaseRepository;
  final LocalBlobStore blobs;
  final Ignite ignite;
  final ApiMetrics metrics = new ApiMetrics();
  final ObjectMapper json = ApiJson.newMapper();
  final JobOptions options;
  final ResultCache cache;
  final ResultReuse reuse;
  // One thread, so that what the grid reports is handled in order: see awaitCallbacks.
  final ExecutorService callbacks = Executors.newSingleThreadExecutor();
  final JobDispatcher dispatcher;
  final JobLeases leases;
  final Admission admission;
  final FinishWaiters waiters;
  final JobOutcomes outcomes;
  final JobRunner runner;
  final QueueDepth queueDepth;
  final JobIntake intake;

  /** The engine on one node that computes too, at the default tiers, with the result cache. */
  static EngineHarness start(Path work) throws IOException {
    return new EngineHarness(work, TierPolicy.defaults(), true, List.of());
  }

  /**
   * @param compute whether this node runs grid jobs itself
   * @param probes what looks at each grid job this node runs
   */
  EngineHarness(Path work, TierPolicy tiers, boolean compute, List<ExtractionProbe> probes)
      throws IOException {
    this.work = work;
    this.grid = LocalGrid.onFreePorts(work);
    Clock clock = Clock.systemUTC();
    database = add(new Database(DatabaseSettings.embedded(work.resolve("db"))));
    jobs = new JobRepository(database.dsl());
    leaseRepository = new JobLeaseRepository(database.dsl());
    QuarantineRepository quarantine = new QuarantineRepository(database.dsl());
    blobs = new LocalBlobStore(work.resolve("blobs"));
    ignite = add(Ignition.start(node("engine-api", compute)));
    if (compute) {
      installWorker(ignite, probes);
    }
    RequestValidator validator = add(new RequestValidator(json));
    options = new JobOptions(validator);
    cache = add(new ResultCache(ignite, new ResultCache.Settings(WAIT, 0, 4 * MB), metrics));
    reuse = new ResultReuse(cache, new SingleFlight(ignite, Duration.ofMinutes(10)), json);
    UsageRecorder usage =
        add(
            new UsageRecorder(
                new UsageRepository(database.dsl()), metrics, 1_000, Duration.ofSeconds(1)));

    RangeParts parts = new RangeParts(blobs, json);
    dispatcher = add(new JobDispatcher(ignite, JOB_TIMEOUT, callbacks, parts));
    leases = new JobLeases(leaseRepository, dispatcher.localNodeId(), LEASE, clock);
    admission = new Admission(tiers, new RateLimiter(ignite, tiers), jobs);
    waiters = new FinishWaiters(jobs, dispatcher);
    outcomes =
        new JobOutcomes(
            jobs,
            blobs,
            parts,
            json,
            reuse,
            quarantine,
            usage,
            metrics,
            waiters,
            admission,
            JobEndListener.NONE,
            ErrorReporter.NONE);
    ProgressLedger progress =
        add(new ProgressLedger(jobs, clock, dispatcher::isInFlight, Duration.ofMillis(500)));
    runner =
        new JobRunner(
            jobs,
            dispatcher,
            leases,
            quarantine,
            reuse,
            outcomes,
            options::storedOptionsOf,
            admission,
            new PagePlanner(50),
            progress,
            JOB_TIMEOUT,
            clock);
    queueDepth = new QueueDepth(() -> 0, Duration.ofSeconds(1));
    intake =
        new JobIntake(jobs, leases, reuse, runner, outcomes, queueDepth, admission, metrics, clock);
    dispatcher.onJobFinished(waiters::wake);
    dispatcher.onJobStarted(runner::markStarted);
    dispatcher.onPagesDone(runner::addPagesDone);
  }

  /** Starts another compute node in this grid; {@code probes} look at each of its grid jobs. */
  Ignite startComputeNode(String name, List<ExtractionProbe> probes) throws IOException {
    Ignite node = add(Ignition.start(node(name, true)));
    installWorker(node, probes);
    return node;
  }

  /** A caller at {@code tier}, with a key of its own. */
  static Principal caller(Tier tier) {
    return Principal.ofKey(UUID.randomUUID(), tier, Set.of(Scope.JOBS_WRITE, Scope.JOBS_READ));
  }

  /** Stores {@code text} as a text document of {@code caller}'s and takes it in, not started. */
  JobIntake.Stored store(String text, Principal caller) throws IOException {
    return store(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain", caller);
  }

  JobIntake.Stored store(byte[] document, String mediaType, Principal caller) throws IOException {
    String sha256 = sha256(document);
    Path spooled = blobs.createTemporaryFile();
    Files.write(spooled, document);
    blobs.putDocument(sha256, spooled);
    NewJob job =
        new NewJob(
            UUID.randomUUID(),
            sha256,
            mediaType.equals("text/plain") ? "document.txt" : "document.pdf",
            mediaType,
            document.length,
            "{}",
            "req-" + UUID.randomUUID(),
            Clock.systemUTC().instant(),
            caller.id(),
            caller.tier().name());
    // What the options "{}" parse to.
    return intake.store(job, ProcessingOptions.DEFAULTS, caller);
  }

  /** Starts a stored job and returns its row once it has finished. */
  Job runToEnd(JobIntake.Stored stored) throws Exception {
    var finished = waiters.register(stored.job().id());
    intake.start(stored);
    return finished.get(WAIT.toSeconds(), TimeUnit.SECONDS).job();
  }

  /** Waits until what the grid has reported so far has been handled. */
  void awaitCallbacks() throws Exception {
    callbacks.submit(() -> {}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private void installWorker(Ignite node, List<ExtractionProbe> probes) throws IOException {
    TessdataDirectory models = TessdataDirectory.install(work.resolve("tessdata"));
    InProcessExtraction extraction =
        add(
            new InProcessExtraction(
                PagePipeline.assemble(models, new CpuPreprocessor()), JOB_TIMEOUT, JOB_TIMEOUT));
    new WorkerContext(blobs, extraction, Map.of(), probes).installOn(node);
  }

  private IgniteConfiguration node(String name, boolean compute) {
    IgniteConfiguration node = grid.node("grid-" + name + "-" + UUID.randomUUID());
    node.getDataStorageConfiguration()
        .setDataRegionConfigurations(LocalGrid.region(GridNames.RESULT_CACHE_REGION, 16 * MB));
    return node.setUserAttributes(Map.of(GridNames.COMPUTE_ROLE_ATTRIBUTE, compute))
        .setIncludeEventTypes(
            EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T extends AutoCloseable> T add(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    callbacks.shutdownNow();
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  /** The job's stored result as JSON text, or empty. */
  Optional<String> storedResult(UUID jobId) throws IOException {
    Optional<InputStream> stored = blobs.openResult(jobId, ResultKind.JSON);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = stored.get()) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
