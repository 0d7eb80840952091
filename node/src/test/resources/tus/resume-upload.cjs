// Uploads a file with tus-js-client, as a browser or a Node.js service would.
//   node resume-upload.cjs start  <uploads endpoint> <file> <api key> <chunks before stopping>
//   node resume-upload.cjs resume <upload URL>       <file> <api key>
// Prints one JSON line: the upload's URL and, on resuming, the offset the server let it resume from.
const fs = require('fs');
const path = require('path');
const tus = require('tus-js-client');

const [mode, target, file, key, stopAfter] = process.argv.slice(2);
const data = fs.readFileSync(file);
let chunks = 0;
let resumedFrom = null;

const upload = new tus.Upload(data, {
  endpoint: mode === 'start' ? target : undefined,
  uploadUrl: mode === 'resume' ? target : undefined,
  chunkSize: 1024 * 1024,
  metadata: { filename: path.basename(file) },
  headers: { Authorization: 'Bearer ' + key },
  retryDelays: null,
  onChunkComplete(chunkSize, bytesAccepted) {
    chunks++;
    if (resumedFrom === null) {
      resumedFrom = bytesAccepted - chunkSize;
    }
    if (mode === 'start' && chunks >= Number(stopAfter)) {
      // The client goes away here, as a closed browser tab would.
      upload.abort().then(() => {
        console.log(JSON.stringify({ url: upload.url, accepted: bytesAccepted }));
        process.exit(0);
      });
    }
  },
  onSuccess() {
    console.log(JSON.stringify({ url: upload.url, resumedFrom, done: true }));
  },
  onError(error) {
    console.error(String(error));
    process.exit(1);
  },
});
upload.start();
