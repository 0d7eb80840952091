package io.docgrid.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.admin.ApiClient;
import io.docgrid.node.admin.ConnectionOptions;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid submit}: sends documents to a running node, follows their jobs with long polls
 * (progress on standard error), and prints or saves the results.
 */
@Command(
    name = "submit",
    description = {
      "Submit documents to a running DocGrid node and wait for their text.",
      "Results go to standard output, or to --output-dir as <file name>.<format>. Progress goes"
          + " to standard error. Exit code 1 when any document failed."
    },
    mixinStandardHelpOptions = true)
final class SubmitCommand implements Callable<Integer> {

  private static final String JOBS = "/api/v1/jobs/";

  /** How long one long poll waits at most: progress is told at least this often. */
  private static final Duration POLL = Duration.ofSeconds(5);

  /** What {@code --format} accepts, with the file extension a saved result gets. */
  enum Format {
    TEXT("txt"),
    MARKDOWN("md"),
    JSON("json"),
    HOCR("hocr"),
    PDF("pdf");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Documents to process.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--from-url",
      paramLabel = "URL",
      description =
          "A document the node fetches from this http(s) URL (repeatable); the node's outbound"
              + " guard refuses internal addresses.")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--batch",
      description =
          "Send all documents as one batch (POST /api/v1/batches) and print its id first; with"
              + " --from-url, files are sent as resumable uploads and named in the batch.")
  boolean batch;

  @Option(
      names = "--options",
      paramLabel = "JSON",
      description = "Processing options as the API takes them, e.g. '{\"ocr\":\"force\"}'.")
  String options;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, markdown, json, hocr or pdf (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Save each result as DIR/<file name>.<format> instead of printing it.")
  Path outputDirectory;

  @Option(
      names = "--resumable",
      description =
          "Upload through /api/v1/uploads (tus) in chunks: a failed request is resumed from the"
              + " server's offset, and running the same command again after an interruption"
              + " resumes the upload. For large files over unreliable links.")
  boolean resumable;

  @Option(
      names = "--resume-state",
      paramLabel = "FILE",
      description =
          "Where --resumable remembers the uploads in progress (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.docgrid/uploads.properties")
  Path resumeState;

  @Option(
      names = "--sha256",
      description =
          "Send each file's SHA-256 first: a file you uploaded before and the server still"
              + " holds is not sent again. Others are uploaded as usual.")
  boolean bySha256;

  @Option(
      names = "--no-wait",
      description = "Print the new jobs' ids and exit without waiting for them.")
  boolean noWait;

  @Option(
      names = "--wait-timeout",
      paramLabel = "DURATION",
      description =
          "Longest to wait for all jobs; they keep running after it (default: ${DEFAULT-VALUE}).",
      defaultValue = "30m")
  String waitTimeout;

  @Spec CommandSpec spec;

  /** A job made, and the document it is of: a file, or a URL's last path segment. */
  record Submitted(Path file, String jobId) {}

  @Override
  public Integer call() {
    Duration patience = patience();
    checkFiles();
    ApiClient client = connection.connect();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Submitted> jobs = new ArrayList<>();
    int failed = 0;
    if (batch) {
      failed += new BatchSubmission(client, options, resumeState, err).send(files, urls, jobs, out);
    } else {
      for (Path file : files) {
        jobs.add(submitted(file, submit(client, file, err), err));
      }
      for (String url : urls) {
        JsonNode job = client.submitStored("url", url, null, options).orElseThrow().json();
        jobs.add(submitted(BatchSubmission.nameOf(url), job, err));
      }
    }
    if (noWait) {
      jobs.forEach(job -> out.println(job.jobId() + "\t" + job.file()));
      out.flush();
      return failed == 0 ? 0 : CommandFailure.FAILED;
    }
    long deadline = System.nanoTime() + patience.toNanos();
    for (Submitted job : jobs) {
      JsonNode finished = follow(client, job, deadline, err);
      if (finished.path("status").asText().equals("succeeded")) {
        deliver(client, job, out, err);
      } else {
        failed++;
        JsonNode error = finished.path("error");
        err.println(
            job.file().getFileName()
                + ": "
                + finished.path("status").asText()
                + (error.isObject()
                    ? ": "
                        + error.path("message").asText()
                        + " ("
                        + error.path("code").asText()
                        + ")"
                    : ""));
      }
      err.flush();
    }
    return failed == 0 ? 0 : CommandFailure.FAILED;
  }

  private static Submitted submitted(Path file, JsonNode job, PrintWriter err) {
    String id = job.get("id").asText();
    err.println(file.getFileName() + ": job " + id + " " + job.path("status").asText());
    err.flush();
    return new Submitted(file, id);
  }

  /** Makes the file's job: by its hash, through a resumable upload, or in one request. */
  private JsonNode submit(ApiClient client, Path file, PrintWriter err) {
    String name = file.getFileName().toString();
    if (bySha256) {
      var stored = client.submitStored("sha256", FileHashes.sha256(file), name, options);
      if (stored.isPresent()) {
        err.println(name + ": already stored, not sent again");
        return stored.get().json();
      }
    }
    if (resumable) {
      String upload = new ResumableUpload(client, resumeState, err).send(file).toString();
      return client
          .submitStored("upload", upload, name, options)
          .orElseThrow(() -> new CommandFailure(CommandFailure.FAILED, name + ": upload lost"))
          .json();
    }
    return client.submit(file, options).json();
  }

  /** Long-polls the job until it ends, telling progress as it changes. */
  private JsonNode follow(ApiClient client, Submitted job, long deadline, PrintWriter err) {
    String shown = "";
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CommandFailure(
            CommandFailure.FAILED,
            job.file().getFileName()
                + ": job "
                + job.jobId()
                + " still unfinished after --wait-timeout "
                + waitTimeout
                + "; it keeps running (docgrid admin jobs show "
                + job.jobId()
                + ")");
      }
      Duration wait = Duration.ofNanos(Math.min(left, POLL.toNanos()));
      JsonNode state = client.poll(JOBS + job.jobId(), wait).json();
      String status = state.path("status").asText();
      if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
        return state;
      }
      String progress = progress(state);
      if (!progress.equals(shown)) {
        err.println(job.file().getFileName() + ": " + progress);
        err.flush();
        shown = progress;
      }
    }
  }

  private static String progress(JsonNode job) {
    JsonNode pages = job.path("pages");
    String status = job.path("status").asText();
    if (pages.path("total").asInt() <= 0) {
      return status;
    }
    return status
        + ", "
        + pages.path("done").asInt()
        + "/"
        + pages.path("total").asInt()
        + " pages";
  }

  private void deliver(ApiClient client, Submitted job, PrintWriter out, PrintWriter err) {
    String path = JOBS + job.jobId() + "/result?format=" + format.wireName();
    if (outputDirectory != null) {
      Path target = outputDirectory.resolve(job.file().getFileName() + "." + format.extension);
      client.save(path, target);
      err.println(job.file().getFileName() + ": saved " + target);
      return;
    }
    if (files.size() + urls.size() > 1) {
      out.println("==> " + job.file() + " <==");
    }
    out.println(client.text(path).stripTrailing());
    out.flush();
  }

  private Duration patience() {
    Duration parsed = Durations.parse(waitTimeout);
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      throw usage(
          "--wait-timeout must be a positive duration such as 10m, got '" + waitTimeout + "'");
    }
    return parsed;
  }

  /** Everything a usage error can be is found before the first upload. */
  private void checkFiles() {
    if (files.isEmpty() && urls.isEmpty()) {
      throw usage("name at least one FILE or --from-url");
    }
    Set<Path> names = new HashSet<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw usage("not a readable file: " + file);
      }
      if (outputDirectory != null && !names.add(file.getFileName())) {
        throw usage(
            "two files are named "
                + file.getFileName()
                + "; their results would overwrite each other in --output-dir");
      }
    }
    if (format == Format.PDF && outputDirectory == null) {
      throw usage("--format pdf writes files: give --output-dir");
    }
    if (outputDirectory != null) {
      try {
        Files.createDirectories(outputDirectory);
      } catch (IOException e) {
        throw usage("--output-dir cannot be created: " + outputDirectory);
      }
    }
  }

  private static CommandFailure usage(String message) {
    return new CommandFailure(CommandFailure.USAGE, message);
  }
}
