#!/usr/bin/env python3
"""Where a born-digital PDF's time goes, job by job, under concurrent clients.

Starts a node of its own from a jar (default node/target/docgrid.jar; give another build's jar to
measure before and after) on a free port with a fresh data directory and the result cache off,
then sends the born-digital PDFs of a corpus (MANIFEST.tsv rows that are PDFs, neither encrypted
nor image-only) from N client threads, each document submitted with `Prefer: wait=60` and its
text fetched with `format=text`: one warm-up pass, then measured passes. For every job it splits
the client's time with the job's own timestamps, which every version reports:

  admission   from the request to the job's createdAt being answered for: upload, checks, insert
              (the client's submit time less the job's createdAt..finishedAt)
  queued      createdAt .. startedAt
  run         startedAt .. finishedAt (dispatch, processing, recording)
  fetch       the GET of the text result

and prints the mean and p50/p95 of each, and, where the node reports them, its stage metric
(docgrid_job_stage_seconds: queued, dispatch, processing, record). With --jfr FILE the node runs
under Java Flight Recorder during the measured passes; read it with `jfr print` or, on JDK 21 and
later, `jfr view hot-methods FILE`.

Usage: python3 ops/bench/stages.py [--jar PATH] [--corpus DIR] [--clients N] [--passes N] [--jfr FILE]
"""
import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def born_digital_pdfs(corpus):
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as manifest:
        rows = [line.rstrip("\n").split("\t") for line in manifest]
    header = rows[0]
    file, mime, notes = header.index("file"), header.index("mime"), header.index("notes")
    return [
        os.path.join(corpus, row[file])
        for row in rows[1:]
        if row[mime] == "application/pdf"
        and "encrypted" not in row[notes]
        and "image-only" not in row[notes]
    ]


def multipart(file_name, content):
    boundary = "----docgrid-bench-" + uuid.uuid4().hex
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
        f"filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
    ).encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), boundary


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


class Client:
    """One keep-alive connection, as one client thread of a real integration would hold."""

    def __init__(self, port, key):
        self.port = port
        self.key = key
        self.local = threading.local()

    def connection(self):
        if not hasattr(self.local, "connection"):
            self.local.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return self.local.connection

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {}, Authorization="Bearer " + self.key)
        connection = self.connection()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    def document(self, path, content):
        body, boundary = multipart(os.path.basename(path), content)
        started = time.perf_counter()
        status, payload = self.request(
            "POST",
            "/api/v1/jobs",
            body,
            {"Content-Type": "multipart/form-data; boundary=" + boundary, "Prefer": "wait=60"},
        )
        submitted = time.perf_counter()
        job = json.loads(payload)
        if status != 200 or job.get("status") != "succeeded":
            return None
        status, _ = self.request("GET", f"/api/v1/jobs/{job['id']}/result?format=text")
        fetched = time.perf_counter()
        if status != 200:
            return None
        created, finished = instant(job["createdAt"]), instant(job["finishedAt"])
        began = instant(job["startedAt"]) if job.get("startedAt") else created
        submit_ms = (submitted - started) * 1000
        return {
            "admission": max(0.0, submit_ms - (finished - created)),
            "queued": began - created,
            "run": finished - began,
            "fetch": (fetched - submitted) * 1000,
            "total": (fetched - started) * 1000,
        }


def one_pass(client, documents, clients):
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        return list(pool.map(lambda d: client.document(*d), documents))


def stage_metrics(client):
    status, payload = client.request("GET", "/api/v1/metrics")
    sums, counts = {}, {}
    for line in payload.decode().splitlines():
        if line.startswith("docgrid_job_stage_seconds_sum") or line.startswith(
            "docgrid_job_stage_seconds_count"
        ):
            name, value = line.rsplit(" ", 1)
            stage = name.split('stage="')[1].split('"')[0]
            (sums if "_sum" in name else counts)[stage] = float(value)
    return sums, counts


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jar", default="node/target/docgrid.jar")
    parser.add_argument("--corpus", default="../shared/corpus/dev")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--jfr")
    args = parser.parse_args()

    documents = [(path, open(path, "rb").read()) for path in born_digital_pdfs(args.corpus)]
    work = tempfile.mkdtemp()
    port = free_port()
    node = subprocess.Popen(
        ["java", "-jar", args.jar, "serve", "--data-dir", os.path.join(work, "data"),
         "--port", str(port), "--no-result-cache", "--tier-limit",
         "ENTERPRISE.requests-per-minute=100000000,ENTERPRISE.pages-per-hour=100000000"],
        stdout=open(os.path.join(work, "serve.log"), "w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(180):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/api/v1/ready")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        key = open(os.path.join(work, "data", "admin.key")).read().strip()
        client = Client(port, key)
        one_pass(client, documents, args.clients)  # warm-up
        before_sums, before_counts = stage_metrics(client)
        if args.jfr:
            subprocess.run(["jcmd", str(node.pid), "JFR.start", "name=stages",
                            "settings=profile", "filename=" + os.path.abspath(args.jfr)],
                           check=True, stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        jobs = []
        for _ in range(args.passes):
            jobs += one_pass(client, documents, args.clients)
        elapsed = time.perf_counter() - started
        if args.jfr:
            subprocess.run(["jcmd", str(node.pid), "JFR.stop", "name=stages"], check=True,
                           stdout=subprocess.DEVNULL)
        sums, counts = stage_metrics(client)
    finally:
        node.terminate()
        node.wait()
        shutil.rmtree(work, ignore_errors=True)

    done = [job for job in jobs if job]
    print(f"{args.jar}: {len(documents)} born-digital PDFs, {args.clients} clients, "
          f"{args.passes} passes: {len(done)} of {len(jobs)} succeeded, "
          f"{len(done) / elapsed:.1f} documents/s")
    print("| part | mean ms | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for part in ("admission", "queued", "run", "fetch", "total"):
        values = [job[part] for job in done]
        print(f"| {part} | {statistics.mean(values):.1f} | {percentile(values, 0.5):.1f} | "
              f"{percentile(values, 0.95):.1f} |")
    if counts:
        print("| node stage (docgrid_job_stage_seconds) | mean ms | | |")
        for stage in sorted(counts, key=lambda s: -(sums[s] - before_sums.get(s, 0))):
            count = counts[stage] - before_counts.get(stage, 0)
            if count > 0:
                mean = (sums[stage] - before_sums.get(stage, 0)) / count * 1000
                print(f"| {stage} | {mean:.1f} | | |")


if __name__ == "__main__":
    sys.exit(main())
