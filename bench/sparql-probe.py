#!/usr/bin/env python3
"""One client, one query shape over every disease class: mean and p50 per request (ms).

    python3 bench/sparql-probe.py ENDPOINT QUERY [N=1164] [ROUNDS=1]

ENDPOINT is a SPARQL query URL (derm serve: http://127.0.0.1:3030/derm/sparql; Virtuoso:
http://127.0.0.1:8891/sparql). QUERY may hold CLASS, replaced by each disease class in turn (the
root DERM:0001000 and its descendants, asked of the endpoint, in a fixed shuffled order); the
prefixes dkg: and rdfs: are declared. Requests go on one keep-alive connection with
Cache-Control: no-cache (derm serve then runs every query), after 20 unmeasured ones. Used for the
one-client figures of README's "The result cache and memory" (the COUNT rewrite, TDB2 statistics).
"""
import http.client
import json
import random
import statistics
import sys
import time
import urllib.parse

PREFIXES = ("PREFIX dkg: <https://w3id.org/dermkg/vocab#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
ROOT = "https://w3id.org/dermkg/DERM_0001000"


def main():
    url = urllib.parse.urlsplit(sys.argv[1])
    query = PREFIXES + sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1164
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    conn = http.client.HTTPConnection(url.hostname, url.port or 80)

    def ask(text):
        conn.request("GET", url.path + "?query=" + urllib.parse.quote(text),
                     headers={"Accept": "application/sparql-results+json",
                              "Cache-Control": "no-cache"})
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            sys.exit(f"{r.status}: {body[:300]!r}")
        return body

    rows = json.loads(ask(PREFIXES + "SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf* <" + ROOT + "> }"))
    classes = sorted(b["c"]["value"] for b in rows["results"]["bindings"])
    random.Random(7).shuffle(classes)
    for r in range(rounds):
        times = []
        for i in range(n + 20):
            t0 = time.perf_counter()
            ask(query.replace("CLASS", classes[i % len(classes)]))
            if i >= 20:
                times.append((time.perf_counter() - t0) * 1000)
        print(f"round {r + 1}: mean {statistics.mean(times):.2f} ms, p50 {statistics.median(times):.2f} ms"
              f" ({len(times)} requests, {len(classes)} classes)")


if __name__ == "__main__":
    main()
