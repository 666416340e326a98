#!/usr/bin/env python3
"""HTTP probes for the benchmark: wait for URLs, or change a port and time it."""

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            response.read()
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def wait(urls, start_ns, timeout):
    """Polls every URL every 5 ms until all answer 200; returns seconds since start_ns."""
    pending = list(urls)
    deadline = time.monotonic() + timeout
    while pending:
        pending = [url for url in pending if not answers(url)]
        if pending:
            if time.monotonic() > deadline:
                sys.exit(f"probe: {', '.join(pending)} did not answer within {timeout} s")
            time.sleep(0.005)
    return (time.time_ns() - start_ns) / 1e9


def change_port(config, server, port, timeout):
    """Rewrites config atomically with a new port; returns seconds until it answers."""
    with open(config, encoding="utf-8") as f:
        data = json.load(f)
    data["servers"][server]["port"] = port
    folder = os.path.dirname(config)
    fd, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    start = time.time_ns()
    os.replace(temp, config)
    return wait([f"http://127.0.0.1:{port}/health"], start, timeout)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    wait_parser = commands.add_parser("wait")
    wait_parser.add_argument("--since-ns", type=int, required=True)
    wait_parser.add_argument("--timeout", type=float, default=30)
    wait_parser.add_argument("urls", nargs="+")
    port_parser = commands.add_parser("change-port")
    port_parser.add_argument("--timeout", type=float, default=30)
    port_parser.add_argument("config")
    port_parser.add_argument("server")
    port_parser.add_argument("port", type=int)
    args = parser.parse_args()
    if args.command == "wait":
        print(f"{wait(args.urls, args.since_ns, args.timeout):.3f}")
    else:
        print(f"{change_port(args.config, args.server, args.port, args.timeout):.3f}")


if __name__ == "__main__":
    main()
