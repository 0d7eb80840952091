package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.grid.WirePayloads;
import java.io.IOException;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskSessionFullSupport;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.MDC;

/**
 * Draws one page of a job's document as an image on a compute node, in its extraction children
 * under the default isolation, with a page's time limit there (ADR 0007): the API node that asks
 * only passes the encoded image on, and never opens the document.
 */
@ComputeTaskSessionFullSupport // compute nodes share their slots by the tenant it names
public final class PageImageTask extends ClientWaitingTask<PageImageRequest, byte[]> {

  /** A task for {@code tenant}, at the default priority: a client waits for it. */
  public PageImageTask(String tenant) {
    super(tenant);
  }

  @Override
  ComputeJob job(PageImageRequest request) {
    return new PageImageJob(WirePayloads.encode(request));
  }

  @Override
  public byte[] reduce(List<ComputeJobResult> results) {
    return results.get(0).getData();
  }

  private static final class PageImageJob extends ComputeJobAdapter {
    private static final long serialVersionUID = 1L;

    private final byte[] encodedRequest;

    @IgniteInstanceResource private transient Ignite ignite;

    PageImageJob(byte[] encodedRequest) {
      this.encodedRequest = encodedRequest;
    }

    @Override
    public byte[] execute() {
      PageImageRequest request = WirePayloads.decode(encodedRequest, PageImageRequest.class);
      WorkerContext context = WorkerContext.forDocument(ignite, request.documentSha256());
      try (MDC.MDCCloseable job = MDC.putCloseable("jobId", request.jobId().toString());
          MDC.MDCCloseable req = MDC.putCloseable("requestId", request.requestId());
          MDC.MDCCloseable tenant = MDC.putCloseable("tenant", request.tenant());
          DocumentFile document = context.blobStore().openDocument(request.documentSha256())) {
        return context
            .extraction()
            .renderPage(
                document.path(),
                request.mediaType(),
                request.page(),
                request.width(),
                request.format());
      } catch (DocumentProcessingException e) {
        throw new IgniteException(e);
      } catch (IOException e) {
        throw new IgniteException("could not draw the page image", e);
      }
    }
  }
}
