package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.blob.ResultKind;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.grid.WirePayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Makes a job's searchable PDF on a compute node, where documents may be parsed (in its extraction
 * children under the default isolation), and stores it with the job's results, from where the API
 * node that asked streams it. The API node itself never opens the document.
 */
@ComputeTaskSessionFullSupport // compute nodes share their slots by the tenant it names
public final class SearchablePdfTask extends ClientWaitingTask<SearchablePdfRequest, Boolean> {

  /** A task for {@code tenant}, at the default priority: a client waits for it. */
  public SearchablePdfTask(String tenant) {
    super(tenant);
  }

  @Override
  ComputeJob job(SearchablePdfRequest request) {
    return new SearchablePdfJob(WirePayloads.encode(request));
  }

  @Override
  public Boolean reduce(List<ComputeJobResult> results) {
    return Boolean.TRUE;
  }

  private static final class SearchablePdfJob extends ComputeJobAdapter {
    private static final long serialVersionUID = 1L;

    private final byte[] encodedRequest;

    @IgniteInstanceResource private transient Ignite ignite;

    SearchablePdfJob(byte[] encodedRequest) {
      this.encodedRequest = encodedRequest;
    }

    @Override
    public Boolean execute() {
      SearchablePdfRequest request =
          WirePayloads.decode(encodedRequest, SearchablePdfRequest.class);
      WorkerContext context = WorkerContext.forDocument(ignite, request.documentSha256());
      try (MDC.MDCCloseable job = MDC.putCloseable("jobId", request.jobId().toString());
          MDC.MDCCloseable req = MDC.putCloseable("requestId", request.requestId());
          MDC.MDCCloseable tenant =
              request.tenant() == null ? null : MDC.putCloseable("tenant", request.tenant());
          DocumentFile document = context.blobStore().openDocument(request.documentSha256())) {
        Path target =
            Files.createTempFile(context.blobStore().temporaryDirectory(), "searchable-", ".pdf");
        try {
          context
              .extraction()
              .writeSearchablePdf(
                  document.path(),
                  request.mediaType(),
                  request.layers(),
                  request.imageDpi(),
                  target);
          context.blobStore().putResult(request.jobId(), ResultKind.SEARCHABLE_PDF, target);
        } finally {
          Files.deleteIfExists(target);
        }
        return Boolean.TRUE;
      } catch (DocumentProcessingException e) {
        throw new IgniteException(e);
      } catch (IOException e) {
        throw new IgniteException("could not make the searchable PDF", e);
      }
    }
  }
}
