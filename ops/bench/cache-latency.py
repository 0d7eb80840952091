#!/usr/bin/env python3
"""Latency of a result cache hit against a cold submission, end to end over HTTP.

Starts its own node from the built jar (./mvnw -B -o -pl node -am package -DskipTests first) on a
free port with a fresh data directory, then, one request at a time over a keep-alive connection,
with `Prefer: wait=60` so that a cold submission's latency is the real processing:
  cold: documents never seen (the given file with a unique line appended after its end, which
        PDF, PNG, JPEG and TIFF readers ignore, so its SHA-256 differs and the cache cannot
        answer), processed on the grid;
  hit:  the same document again, answered from the result cache.
Prints p50/p95 of each and their ratio. Usage:
  python3 ops/bench/cache-latency.py [--document FILE] [--cold N] [--hits N] [--jar PATH]
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(file_name, content):
    boundary = "----docgrid-bench-" + uuid.uuid4().hex
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
        f"filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), boundary


def submit(connection, key, file_name, content):
    body, boundary = multipart(file_name, content)
    headers = {
        "Authorization": "Bearer " + key,
        "Content-Type": "multipart/form-data; boundary=" + boundary,
        "Prefer": "wait=60",
    }
    started = time.perf_counter()
    connection.request("POST", "/api/v1/jobs", body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    job = json.loads(payload)
    if response.status != 200 or job.get("status") != "succeeded":
        sys.exit(f"unexpected answer {response.status}: {payload[:300]!r}")
    return elapsed, response.getheader("X-Cache"), job


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def start_node(jar, data_dir, port):
    command = [
        "java", "-jar", jar, "serve",
        "--data-dir", data_dir,
        "--port", str(port),
        "--tier-limit", "ENTERPRISE.requests-per-minute=1000000",
        "--tier-limit", "ENTERPRISE.pages-per-hour=100000000",
    ]
    log = open(os.path.join(data_dir, "node.log"), "w")
    node = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if node.poll() is not None:
            sys.exit(f"the node exited with {node.returncode}; see {log.name}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/ready")
            if connection.getresponse().status == 200:
                return node
        except OSError:
            pass
        time.sleep(0.5)
    node.terminate()
    sys.exit("the node did not become ready within 120 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument(
        "--document",
        default=os.path.join(root, "..", "shared", "corpus", "dev", "pypdf__pdflatex-4-pages.pdf"),
    )
    parser.add_argument("--cold", type=int, default=30)
    parser.add_argument("--hits", type=int, default=300)
    parser.add_argument("--jar", default=os.path.join(root, "node", "target", "docgrid.jar"))
    args = parser.parse_args()

    original = open(args.document, "rb").read()
    name = os.path.basename(args.document)
    data_dir = tempfile.mkdtemp(prefix="docgrid-cache-bench-")
    port = free_port()
    node = start_node(args.jar, data_dir, port)
    try:
        key = open(os.path.join(data_dir, "admin.key")).read().strip()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

        def unique():
            return original + b"\n%" + uuid.uuid4().hex.encode() + b"\n"

        for _ in range(3):  # warm-up: child JVMs, JIT, the first cache entries
            document = unique()
            submit(connection, key, name, document)
            submit(connection, key, name, document)

        cold = []
        for _ in range(args.cold):
            elapsed, cache, _ = submit(connection, key, name, unique())
            assert cache == "MISS", cache
            cold.append(elapsed)

        cached = unique()
        submit(connection, key, name, cached)
        hits = []
        for _ in range(args.hits):
            elapsed, cache, job = submit(connection, key, name, cached)
            assert cache == "HIT" and job["cacheHit"], (cache, job)
            hits.append(elapsed)

        print(f"document: {name} ({len(original)} bytes), Prefer: wait=60, one request at a time")
        for label, values in (("cold (processed)", cold), ("cache hit", hits)):
            print(
                f"{label:18s} n={len(values):4d}  p50 {statistics.median(values):8.1f} ms"
                f"  p95 {percentile(values, 0.95):8.1f} ms"
            )
        print(
            f"ratio cold/hit     p50 {statistics.median(cold) / statistics.median(hits):8.1f} x"
            f"      p95 {percentile(cold, 0.95) / percentile(hits, 0.95):8.1f} x"
        )
    finally:
        node.terminate()
        try:
            node.wait(timeout=30)
        except subprocess.TimeoutExpired:
            node.kill()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
