// Submits a document, waits for it, prints its text: node examples/submit.mjs FILE
// Needs DOCGRID_API_KEY; DOCGRID_URL defaults to http://127.0.0.1:8080. Uses the client in
// clients/js (npm install ./clients/js).
import { DocGrid, DocGridError } from '../clients/js/index.js';

const dg = new DocGrid({ url: process.env.DOCGRID_URL ?? 'http://127.0.0.1:8080', apiKey: process.env.DOCGRID_API_KEY });
try {
  const job = await dg.submit(process.argv[2]);
  if (job.status !== 'succeeded') {
    console.error(`job ${job.id} ${job.status}:`, job.error);
    process.exit(1);
  }
  console.log(await dg.result(job.id, { format: 'text' }));
} catch (e) {
  if (!(e instanceof DocGridError)) throw e;
  console.error(`refused: ${e.code} (${e.status}), request ${e.requestId}: ${e.message}`);
  process.exit(1);
}
