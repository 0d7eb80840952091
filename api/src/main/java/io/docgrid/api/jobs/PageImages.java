package io.docgrid.api.jobs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.engine.JobDispatcher;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.process.PageImageRequest;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages of jobs' documents as images, for people to look at beside the pages' text (the
 * playground): drawn on a compute node, in its extraction children, never on this node (ADR 0007),
 * and kept a while in a small cache by document, page and width, so that flipping back through a
 * document draws nothing twice. A document's bytes never change under its SHA-256, so neither do
 * its page images.
 */
public final class PageImages {

  private static final Logger log = LoggerFactory.getLogger(PageImages.class);

  /** How long an image nobody asked for again stays in the cache. */
  private static final Duration CACHE_IDLE = Duration.ofMinutes(10);

  private final JobService jobs;
  private final UploadChecks checks;
  private final BlobStore blobs;
  private final JobDispatcher dispatcher;
  private final PageImageMetrics metrics;
  private final Cache<CacheKey, byte[]> cache;

  /**
   * @param cacheBytes how many bytes of images the cache holds at most
   */
  public PageImages(
      JobService jobs,
      UploadChecks checks,
      BlobStore blobs,
      JobDispatcher dispatcher,
      PageImageMetrics metrics,
      long cacheBytes) {
    this.jobs = jobs;
    this.checks = checks;
    this.blobs = blobs;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(cacheBytes)
            .<CacheKey, byte[]>weigher((page, image) -> image.length)
            .expireAfterAccess(CACHE_IDLE)
            .build();
  }

  /**
   * One page of one document at one width: what an image is drawn from, and what names it.
   *
   * @param job the job whose document it is, as the caller may see it
   */
  record Page(Job job, int number, int width, PageImageFormat format) {

    /**
     * A validator of the image, known without drawing it: weak, since another compute node's fonts
     * may draw the same page a few pixels apart.
     */
    String etag() {
      return "W/\"" + job.documentSha256() + "-p" + number + "-w" + width + "\"";
    }

    /** Whether an {@code If-None-Match} header names this page's image. */
    boolean matches(String ifNoneMatch) {
      if (ifNoneMatch == null) {
        return false;
      }
      String opaque = etag().substring(2);
      for (String tag : ifNoneMatch.split(",")) {
        String candidate = tag.strip();
        if (candidate.equals("*") || candidate.replaceFirst("^W/", "").equals(opaque)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Images are cached by document, not job: the same bytes submitted twice draw alike. */
  private record CacheKey(String sha256, int number, int width, PageImageFormat format) {

    static CacheKey of(Page page) {
      return new CacheKey(page.job().documentSha256(), page.number(), page.width(), page.format());
    }
  }

  /**
   * Page {@code number} of job {@code id}'s document at {@code width}, if the caller may see the
   * job, its document is still kept, of a type that has page images, and not past the end of a
   * document already counted. Whether a document not counted yet has the page is found when it is
   * drawn.
   */
  Page find(UUID id, int number, int width, Principal caller) {
    Job job = jobs.find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    if (job.purgedAt() != null) {
      throw new ApiException(
          ErrorCode.RESULT_EXPIRED,
          "The document of job "
              + id
              + " was deleted at "
              + job.purgedAt()
              + ", with its result. Submit the document again.");
    }
    String type = job.mediaType();
    if (!type.equals("application/pdf") && !type.startsWith("image/")) {
      throw new ApiException(
          ErrorCode.PAGE_IMAGE_UNAVAILABLE,
          "Page images are drawn from PDF and image documents; job "
              + id
              + "'s is "
              + type
              + ". Its text is at /api/v1/jobs/"
              + id
              + "/result.");
    }
    checks.refuseIfQuarantined(job.documentSha256());
    if (job.pageCount() != null && number > job.pageCount()) {
      throw new ApiException(
          ErrorCode.PAGE_NOT_FOUND,
          "Page "
              + number
              + " is past the end of job "
              + id
              + "'s document, which has "
              + job.pageCount()
              + " pages.");
    }
    return new Page(job, number, width, PageImageFormat.forDocument(type));
  }

  /**
   * The page's image, encoded as its format says: from the cache, or drawn on a compute node, whose
   * log lines about it carry {@code requestId}.
   */
  byte[] draw(Page page, String requestId) {
    CacheKey key = CacheKey.of(page);
    byte[] cached = cache.getIfPresent(key);
    metrics.cacheLookup(cached != null);
    if (cached != null) {
      return cached;
    }
    Job job = page.job();
    if (!blobs.hasDocument(job.documentSha256())) {
      log.warn("job {} has no document in the blob store to draw pages from", job.id());
      throw new ApiException(
          ErrorCode.RESULT_MISSING,
          "The document of job "
              + job.id()
              + " is missing from the blob store, which was probably restored from another backup"
              + " than the database. Submit the document again.");
    }
    long started = System.nanoTime();
    try {
      byte[] image =
          dispatcher.renderPage(
              new PageImageRequest(
                  job.id(),
                  job.documentSha256(),
                  job.mediaType(),
                  page.number(),
                  page.width(),
                  page.format(),
                  requestId,
                  job.owner()),
              job.owner());
      metrics.drawn("drawn", started);
      cache.put(key, image);
      return image;
    } catch (DocumentProcessingException e) {
      metrics.drawn("rejected", started);
      throw new ApiException(ErrorMapper.codeOf(e.code()), e.getMessage());
    } catch (IllegalStateException e) {
      metrics.drawn("failed", started);
      log.warn("no page image for job {}", job.id(), e);
      throw new ApiException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "No compute node could draw the page right now; retry shortly.");
    }
  }
}
