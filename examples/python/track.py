#!/usr/bin/env python3
"""Cueflow: track an event from Python (python3, standard library only: urllib).

Run:
    CUEFLOW_API_KEY=sk_... python3 examples/python/track.py
    CUEFLOW_URL=http://localhost:8080 CUEFLOW_API_KEY=sk_... python3 examples/python/track.py

Upserts the contact "user-123", then records a "purchase_completed" event for it.
Exits non-zero if the contact upsert is not 200/201 or the event is not 201.
"""
import json
import os
import sys
import urllib.error
import urllib.request

BASE_URL = os.environ.get("CUEFLOW_URL", "http://localhost:8080").rstrip("/")
API_KEY = os.environ.get("CUEFLOW_API_KEY")


def post(path, body):
    """POST a JSON body; print and return the HTTP status (error statuses included)."""
    request = urllib.request.Request(
        BASE_URL + path,
        data=json.dumps(body).encode("utf-8"),
        method="POST",
        headers={
            "Authorization": f"Bearer {API_KEY}",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:  # 4xx / 5xx still carry a JSON body
        status, text = err.code, err.read().decode("utf-8")
    print(f"POST {path} -> {status}")
    print(text)
    return status


def main():
    if not API_KEY:
        print("CUEFLOW_API_KEY is not set: export a secret key (sk_...) first.", file=sys.stderr)
        return 2

    # 1. Create or update the contact (201 created, 200 updated).
    status = post("/api/v1/contacts", {
        "externalId": "user-123",
        "email": "user123@example.com",
        "name": "Jane Doe",
    })
    if status not in (200, 201):
        print(f"error: contact upsert failed with HTTP {status}", file=sys.stderr)
        return 1

    # 2. Track the event (201 = stored and visible to targeting).
    status = post("/api/v1/events", {
        "externalId": "user-123",
        "eventKey": "purchase_completed",
        "properties": {"plan": "pro", "amount": 99.99, "currency": "USD"},
    })
    if status != 201:
        print(f"error: event tracking failed with HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except urllib.error.URLError as err:  # connection refused, DNS failure, timeout...
        print(f"error: cannot reach {BASE_URL}: {err.reason}", file=sys.stderr)
        sys.exit(1)
