package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
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
 * A dry run's look at a document, on a compute node and in its extraction children like a job's
 * first look (ADR 0007): its type, pages, the pages its options select and how many of them would
 * be OCRed. Nothing is recognised: a PDF is only counted (its text layers read to decide OCR), and
 * an image is read with OCR off, since every frame of one is OCRed unless OCR is off.
 */
@ComputeTaskSessionFullSupport // compute nodes share their slots by the tenant it names
public final class ProbeDocumentTask
    extends ClientWaitingTask<ProcessDocumentRequest, CountedDocument> {

  /** A probe for {@code tenant}, at the default priority: a client waits for it. */
  public ProbeDocumentTask(String tenant) {
    super(tenant);
  }

  @Override
  ComputeJob job(ProcessDocumentRequest request) {
    return new ProbeDocumentJob(WirePayloads.encode(request));
  }

  @Override
  public CountedDocument reduce(List<ComputeJobResult> results) {
    byte[] encoded = results.get(0).getData();
    return (CountedDocument) WirePayloads.decode(encoded, DocumentOutcome.class);
  }

  private static final class ProbeDocumentJob extends ComputeJobAdapter {
    private static final long serialVersionUID = 1L;

    private final byte[] encodedRequest;

    @IgniteInstanceResource private transient Ignite ignite;

    ProbeDocumentJob(byte[] encodedRequest) {
      this.encodedRequest = encodedRequest;
    }

    @Override
    public byte[] execute() {
      ProcessDocumentRequest request =
          WirePayloads.decode(encodedRequest, ProcessDocumentRequest.class);
      WorkerContext context = WorkerContext.forDocument(ignite, request.documentSha256());
      boolean image = request.mediaType().startsWith("image/");
      ProcessingOptions options = request.options();
      try (MDC.MDCCloseable req = MDC.putCloseable("requestId", request.requestId());
          DocumentFile document = context.blobStore().openDocument(request.documentSha256())) {
        DocumentFacts facts =
            context
                .extraction()
                .extract(
                    document.path(),
                    request.mediaType(),
                    image ? withoutOcr(options) : options,
                    request.scope())
                .facts();
        if (facts.pagesToOcr() == null) {
          // Not a PDF: an image's every selected frame is OCRed unless OCR is off; other types
          // are read as text.
          int ocr = image && options.ocr() != OcrMode.OFF ? facts.selectedPages() : 0;
          facts =
              new DocumentFacts(
                  facts.mediaType(),
                  facts.pageCount(),
                  facts.selectedPages(),
                  facts.encrypted(),
                  ocr);
        }
        String node = ignite.cluster().localNode().id().toString();
        return WirePayloads.encode(new CountedDocument(facts, List.of(node)));
      } catch (DocumentProcessingException e) {
        throw new IgniteException(e);
      } catch (IOException e) {
        throw new IgniteException("could not read the stored document", e);
      }
    }

    private static ProcessingOptions withoutOcr(ProcessingOptions options) {
      return new ProcessingOptions(
          OcrMode.OFF,
          options.languages(),
          options.pages(),
          options.dpi(),
          options.preprocess(),
          options.password());
    }
  }
}
