// Submits several documents as one batch, waits for the batch to complete, prints each job's text:
// node examples/batch.mjs FILE...
// Needs DOCGRID_API_KEY; DOCGRID_URL defaults to http://127.0.0.1:8080. The client in clients/js
// (npm install ./clients/js) has no batch call yet: the batch is sent with fetch, and the client
// fetches the results.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DocGrid } from '../clients/js/index.js';

const url = process.env.DOCGRID_URL ?? 'http://127.0.0.1:8080';
const headers = { Authorization: `Bearer ${process.env.DOCGRID_API_KEY}` };
const files = process.argv.slice(2);

async function call(path, init = {}) {
  const answer = await fetch(url + path, { headers, ...init });
  if (!answer.ok) {
    console.error('refused:', await answer.text()); // problem JSON: code, detail, requestId
    process.exit(1);
  }
  return answer.json();
}

// One multipart body, a part named file for each document.
const form = new FormData();
for (const file of files) form.append('file', new Blob([await readFile(file)]), basename(file));
const batch = await call('/api/v1/batches', { method: 'POST', body: form });
for (const item of batch.items) {
  // in the order of the files: the job made, or why none was
  if (item.problem) console.error(`${files[item.index]}: ${item.problem.code}`);
}

// The batch is "running" until every job has ended, then "completed".
while ((await call(`/api/v1/batches/${batch.id}`)).status !== 'completed') await sleep(1000);

const dg = new DocGrid({ url, apiKey: process.env.DOCGRID_API_KEY });
for (const id of batch.jobIds) {
  const job = await dg.job(id);
  console.log(`--- ${job.document.fileName} (job ${id}, ${job.status})`);
  if (job.status === 'succeeded') console.log(await dg.result(id, { format: 'text' }));
}
