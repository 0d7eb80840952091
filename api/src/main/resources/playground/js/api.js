// The DocGrid HTTP API as the playground uses it: same origin, the key in the Authorization header.

const API = "/api/v1";

/** An RFC 9457 problem the API answered with, or a network failure. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || "HTTP_" + status;
    this.requestId = problem.requestId || null;
  }

  describe() {
    const id = this.requestId ? ` (request ${this.requestId})` : "";
    return `${this.code}: ${this.message}${id}`;
  }
}

export class DocGridApi {
  /** @param {() => string} key the key to send, read at each call */
  constructor(key) {
    this.key = key;
  }

  async me() {
    return (await this.call("GET", "/keys/me")).json();
  }

  /** Submits a file: the job as accepted (202). */
  async submitFile(file, options) {
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("options", JSON.stringify(options));
    return (await this.call("POST", "/jobs", { body: form })).json();
  }

  /** Submits a document the server fetches from a URL. */
  async submitUrl(url, options) {
    const body = JSON.stringify({ url, options });
    const headers = { "Content-Type": "application/json" };
    return (await this.call("POST", "/jobs", { body, headers })).json();
  }

  async job(id, waitSeconds = 0) {
    const headers = waitSeconds > 0 ? { Prefer: `wait=${waitSeconds}` } : {};
    return (await this.call("GET", `/jobs/${id}`, { headers })).json();
  }

  async resultJson(id) {
    return (await this.call("GET", `/jobs/${id}/result?format=json`)).json();
  }

  async resultText(id, format) {
    return (await this.call("GET", `/jobs/${id}/result?format=${format}`)).text();
  }

  async resultBlob(id, format) {
    return (await this.call("GET", `/jobs/${id}/result?format=${format}`)).blob();
  }

  async pageImage(id, page, width) {
    return (await this.call("GET", `/jobs/${id}/pages/${page}/image?width=${width}`)).blob();
  }

  /**
   * Follows a job's Server-Sent Events until its final event, calling onProgress with each
   * progress event's data; answers the job as its final event shows it. EventSource cannot send an
   * Authorization header, so the stream is read through fetch.
   */
  async follow(id, onProgress) {
    const response = await this.call("GET", `/jobs/${id}/events`, {
      headers: { Accept: "text/event-stream" },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        throw new ApiProblem(0, { detail: "the event stream ended before the job did" });
      }
      buffered += value.replaceAll("\r\n", "\n");
      let end;
      while ((end = buffered.indexOf("\n\n")) >= 0) {
        const event = parseEvent(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        if (event.name === "progress") {
          onProgress(event.data);
        } else if (event.data) {
          reader.cancel().catch(() => {});
          return event.data;
        }
      }
    }
  }

  async call(method, path, { body, headers = {} } = {}) {
    const sent = { ...headers };
    const key = this.key();
    if (key) {
      sent.Authorization = `Bearer ${key}`;
    }
    let response;
    try {
      response = await fetch(API + path, { method, body, headers: sent });
    } catch (e) {
      throw new ApiProblem(0, { detail: `the server could not be reached (${e.message})` });
    }
    if (!response.ok) {
      let problem = {};
      try {
        problem = await response.json();
      } catch {
        // not a problem document: the status says enough
      }
      throw new ApiProblem(response.status, problem);
    }
    return response;
  }
}

/** One Server-Sent Event: its name ("message" by default) and its data as JSON, if any. */
function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) {
      name = line.slice(6).trim();
    } else if (line.startsWith("data:")) {
      data.push(line.slice(5).replace(/^ /, ""));
    }
  }
  return { name, data: data.length > 0 ? JSON.parse(data.join("\n")) : null };
}
