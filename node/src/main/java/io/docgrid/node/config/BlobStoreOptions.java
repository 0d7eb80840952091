package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import io.docgrid.tasks.blob.S3BlobStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The blob store options of {@code docgrid serve}, validated into a {@link BlobStoreConfig}. The S3
 * access key comes from the environment or a file, never from a flag, so it does not show in {@code
 * ps}.
 */
public final class BlobStoreOptions {

  public static final String ACCESS_KEY_VARIABLE = "DOCGRID_S3_ACCESS_KEY_ID";
  public static final String SECRET_KEY_VARIABLE = "DOCGRID_S3_SECRET_ACCESS_KEY";
  static final String CREDENTIALS_FILE = "--s3-credentials-file";

  /** S3's rules for new bucket names, which MinIO and Ceph follow too. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** Characters S3 documents as safe in keys; no empty or dot segments. */
  private static final Pattern PREFIX =
      Pattern.compile("(?!.*//)(?!(.*/)?\\.{1,2}(/.*)?$)[A-Za-z0-9!_.*'()/-]{0,256}");

  @Option(
      names = "--blob-store",
      description =
          "Where documents and results are kept: local (a directory, see --blob-dir) or s3 (a"
              + " bucket that nodes on different hosts share) (default: ${DEFAULT-VALUE}).",
      defaultValue = "local")
  String blobStore;

  @Option(names = "--s3-bucket", description = "Bucket of the s3 blob store; it must exist.")
  String bucket;

  @Option(
      names = "--s3-prefix",
      description =
          "Prefix of every key DocGrid writes in the bucket, e.g. docgrid/prod (default:"
              + " none).")
  String prefix;

  @Option(
      names = "--s3-endpoint",
      description =
          "Endpoint of an S3-compatible server (MinIO, Ceph RGW), e.g. http://minio:9000"
              + " (default: AWS S3 in --s3-region).")
  String endpoint;

  @Option(
      names = "--s3-region",
      description = "Region of the bucket, also used to sign requests (default: ${DEFAULT-VALUE}).",
      defaultValue = "us-east-1")
  String region;

  @Option(
      names = "--s3-path-style",
      description =
          "Address the bucket as <endpoint>/<bucket>, as most S3-compatible servers need"
              + " (default: <bucket>.<endpoint>).")
  boolean pathStyle;

  @Option(
      names = CREDENTIALS_FILE,
      description =
          "File with the lines access_key_id=… and secret_access_key=…. Or set"
              + " DOCGRID_S3_ACCESS_KEY_ID and DOCGRID_S3_SECRET_ACCESS_KEY; never flags.")
  Path credentialsFile;

  @Option(
      names = "--s3-spool-dir",
      description =
          "Local directory for uploads on their way to the bucket and for documents being read"
              + " (default: <data-dir>/spool).")
  Path spoolDir;

  private final Secrets secrets;

  BlobStoreOptions(Environment environment) {
    this.secrets = new Secrets(environment);
  }

  /** Whether the S3 store was asked for, valid or not. */
  boolean isS3() {
    return blobStore != null && blobStore.trim().equalsIgnoreCase("s3");
  }

  /** The blob store settings; problems found are added to {@code problems}. */
  BlobStoreConfig toConfig(List<String> problems, Path dataDir) {
    String type = blobStore == null ? "" : blobStore.trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "local" -> {
        List<String> s3Only = s3OnlyOptionsGiven();
        if (!s3Only.isEmpty()) {
          problems.add(String.join(", ", s3Only) + " apply to --blob-store s3 only");
        }
        return BlobStoreConfig.local();
      }
      case "s3" -> {
        return s3(problems, dataDir);
      }
      default -> {
        problems.add(setting("--blob-store") + " must be local or s3, got '" + blobStore + "'");
        return BlobStoreConfig.local();
      }
    }
  }

  private BlobStoreConfig s3(List<String> problems, Path dataDir) {
    int before = problems.size();
    String bucketName = bucket == null ? "" : bucket.trim();
    if (bucketName.isEmpty()) {
      problems.add("--blob-store s3 needs " + setting("--s3-bucket"));
    } else if (!BUCKET.matcher(bucketName).matches()) {
      problems.add(
          setting("--s3-bucket")
              + " must be a bucket name: 3-63 lower-case letters,"
              + " digits, dots and hyphens, got '"
              + bucketName
              + "'");
    }
    String keyPrefix = prefix == null ? "" : prefix.trim().replaceAll("^/+|/+$", "");
    if (!PREFIX.matcher(keyPrefix).matches()) {
      problems.add(
          setting("--s3-prefix")
              + " must be up to 256 letters, digits and !_.*'()-"
              + " in /-separated segments, got '"
              + prefix
              + "'");
    }
    String regionName = region == null ? "" : region.trim();
    if (!REGION.matcher(regionName).matches()) {
      problems.add(
          setting("--s3-region") + " must be a region such as us-east-1, got '" + region + "'");
    }
    URI endpointUri = endpoint(problems);
    S3BlobStore.Credentials credentials = credentials(problems);
    if (problems.size() > before) {
      return BlobStoreConfig.local();
    }
    return BlobStoreConfig.s3(
        new S3BlobStore.Settings(
            endpointUri,
            regionName,
            bucketName,
            keyPrefix,
            pathStyle,
            credentials,
            spoolDir == null ? dataDir.resolve("spool") : spoolDir,
            S3BlobStore.Settings.DEFAULT_CONNECT_TIMEOUT,
            S3BlobStore.Settings.DEFAULT_REQUEST_TIMEOUT));
  }

  private URI endpoint(List<String> problems) {
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(endpoint.trim());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || uri.getUserInfo() != null
        || uri.getQuery() != null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      problems.add(
          setting("--s3-endpoint")
              + " must be an http(s) URL such as"
              + " http://minio:9000, without credentials or query");
      return null;
    }
    return uri;
  }

  /** From the file when one is given, else from the environment; never from a flag. */
  private S3BlobStore.Credentials credentials(List<String> problems) {
    if (credentialsFile != null) {
      return credentialsFromFile(problems);
    }
    int before = problems.size();
    String accessKey = secrets.variable(ACCESS_KEY_VARIABLE, problems).orElse("");
    String secretKey = secrets.variable(SECRET_KEY_VARIABLE, problems).orElse("");
    if (problems.size() > before) {
      return null;
    }
    if (accessKey.isEmpty() || secretKey.isEmpty()) {
      problems.add(
          "--blob-store s3 needs an access key: set both "
              + ACCESS_KEY_VARIABLE
              + " and "
              + SECRET_KEY_VARIABLE
              + ", or give "
              + setting(CREDENTIALS_FILE));
      return null;
    }
    return new S3BlobStore.Credentials(accessKey, secretKey);
  }

  /**
   * Reads {@code access_key_id=…} and {@code secret_access_key=…} lines; blank lines and lines
   * starting with # are ignored. Problems name the file and line, never a value.
   */
  private S3BlobStore.Credentials credentialsFromFile(List<String> problems) {
    String flag = setting(CREDENTIALS_FILE);
    String text = secrets.file(CREDENTIALS_FILE, credentialsFile, problems).orElse(null);
    if (text == null) {
      return null;
    }
    List<String> lines = text.lines().toList();
    String accessKey = "";
    String secretKey = "";
    List<String> bad = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String name = equals < 0 ? "" : line.substring(0, equals).strip();
      String value = equals < 0 ? "" : line.substring(equals + 1).strip();
      switch (name) {
        case "access_key_id" -> accessKey = value;
        case "secret_access_key" -> secretKey = value;
        default -> bad.add(String.valueOf(number));
      }
    }
    if (!bad.isEmpty()) {
      problems.add(
          flag
              + " "
              + credentialsFile
              + (bad.size() == 1 ? ": line " : ": lines ")
              + String.join(", ", bad)
              + " must be access_key_id=… or secret_access_key=…");
      return null;
    }
    if (accessKey.isEmpty() || secretKey.isEmpty()) {
      problems.add(
          flag + " " + credentialsFile + " must hold both access_key_id=… and secret_access_key=…");
      return null;
    }
    return new S3BlobStore.Credentials(accessKey, secretKey);
  }

  private List<String> s3OnlyOptionsGiven() {
    List<String> given = new ArrayList<>();
    if (bucket != null) {
      given.add("--s3-bucket");
    }
    if (prefix != null) {
      given.add("--s3-prefix");
    }
    if (endpoint != null) {
      given.add("--s3-endpoint");
    }
    if (pathStyle) {
      given.add("--s3-path-style");
    }
    if (credentialsFile != null) {
      given.add("--s3-credentials-file");
    }
    if (spoolDir != null) {
      given.add("--s3-spool-dir");
    }
    return given;
  }
}
