#!/usr/bin/env node
// Cueflow: track an event from Node.js (Node 20+, no packages: uses the global fetch).
//
// Run:
//   CUEFLOW_API_KEY=sk_... node examples/node/track.js
//   CUEFLOW_URL=http://localhost:8080 CUEFLOW_API_KEY=sk_... node examples/node/track.js
//
// Upserts the contact "user-123", then records a "purchase_completed" event for it.
// Exits non-zero if the contact upsert is not 200/201 or the event is not 201.

const baseUrl = (process.env.CUEFLOW_URL || "http://localhost:8080").replace(/\/+$/, "");
const apiKey = process.env.CUEFLOW_API_KEY;
if (!apiKey) {
  console.error("CUEFLOW_API_KEY is not set: export a secret key (sk_...) first.");
  process.exit(2);
}

async function post(path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${apiKey}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  console.log(`POST ${path} -> ${res.status}`);
  console.log(text);
  return res.status;
}

async function main() {
  // 1. Create or update the contact (201 created, 200 updated).
  const contactStatus = await post("/api/v1/contacts", {
    externalId: "user-123",
    email: "user123@example.com",
    name: "Jane Doe",
  });
  if (contactStatus !== 200 && contactStatus !== 201) {
    throw new Error(`contact upsert failed with HTTP ${contactStatus}`);
  }

  // 2. Track the event (201 = stored and visible to targeting).
  const eventStatus = await post("/api/v1/events", {
    externalId: "user-123",
    eventKey: "purchase_completed",
    properties: { plan: "pro", amount: 99.99, currency: "USD" },
  });
  if (eventStatus !== 201) {
    throw new Error(`event tracking failed with HTTP ${eventStatus}`);
  }
}

main().catch((err) => {
  // fetch() rejects with "fetch failed" when the server cannot be reached; the cause says why.
  const cause = err.cause ? ` (${err.cause.code ?? err.cause.message})` : "";
  console.error(`error: ${err.message}${cause} [${baseUrl}]`);
  process.exit(1);
});
