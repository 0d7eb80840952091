#!/usr/bin/env python3
"""Per-request cost of authentication and the cluster-wide rate-limit bucket.

Start a node with a request budget that does not interfere, e.g.
  java -jar node/target/docgrid.jar serve --data-dir /tmp/bench-data --port 18080 \
      --tier-limit ENTERPRISE.requests-per-minute=1000000
then run
  python3 ops/bench/api-latency.py http://127.0.0.1:18080 /tmp/bench-data/admin.key
It sends 2000 requests per route over one keep-alive connection, after a warm-up round, and
prints p50/p99: a public route, two authenticated ones, and a refused one.
"""
import http.client
import statistics
import sys
import time
from urllib.parse import urlparse


def measure(host, port, path, headers, n=2000):
    connection = http.client.HTTPConnection(host, port)
    times = []
    status = None
    for _ in range(n):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return status, statistics.median(times), times[int(n * 0.99)]


def main():
    base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:18080")
    key = open(sys.argv[2] if len(sys.argv) > 2 else "docgrid-data/admin.key").read().strip()
    auth = {"Authorization": "Bearer " + key}
    routes = [
        ("GET /api/v1/health (public)", "/api/v1/health", {}),
        ("GET /api/v1/keys/me (key, bucket, one query)", "/api/v1/keys/me", auth),
        ("GET /api/v1/jobs?limit=1 (key, bucket, listing)", "/api/v1/jobs?limit=1", auth),
        ("GET /api/v1/jobs without a key (401)", "/api/v1/jobs", {}),
    ]
    for round_ in ("warm-up", "measured"):
        results = [(name,) + measure(base.hostname, base.port, path, h) for name, path, h in routes]
    for name, status, p50, p99 in results:
        print(f"{name:50s} HTTP {status}  p50 {p50:.2f} ms  p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
