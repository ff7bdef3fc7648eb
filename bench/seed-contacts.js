#!/usr/bin/env node
// Seed N contacts user-0 .. user-(N-1) into Cueflow, ~32 requests in flight (Node 20+, no packages).
//
//   node bench/seed-contacts.js http://127.0.0.1:8080 sk_... 10000 [concurrency]
//
// The key may also come from CUEFLOW_API_KEY (pass "-" as the key argument).
// Prints the time taken and the rate; exits 1 if any upsert did not answer 200/201.

const [url, keyArg, nArg, concArg] = process.argv.slice(2);
const key = keyArg && keyArg !== "-" ? keyArg : process.env.CUEFLOW_API_KEY;
const n = Number.parseInt(nArg ?? "10000", 10);
const concurrency = Number.parseInt(concArg ?? "32", 10);
if (!url || !key || !(n >= 0) || !(concurrency >= 1)) {
  console.error("usage: node bench/seed-contacts.js URL KEY N [concurrency]   (KEY '-' = $CUEFLOW_API_KEY)");
  process.exit(2);
}
const endpoint = `${url.replace(/\/+$/, "")}/api/v1/contacts`;
const plans = ["free", "starter", "pro", "enterprise"];

const statuses = new Map(); // HTTP status (or error name) -> count
let firstFailure = null;
let next = 0;

async function upsert(i) {
  const body = {
    externalId: `user-${i}`,
    email: `user${i}@example.com`,
    name: `User ${i}`,
    customAttributes: { plan: plans[i % plans.length], seats: (i % 50) + 1, beta: i % 7 === 0 },
  };
  let status;
  try {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    status = res.status;
    if (status !== 200 && status !== 201 && !firstFailure) firstFailure = `user-${i}: HTTP ${status} ${text}`;
  } catch (err) {
    status = `error:${err.cause?.code ?? err.name}`;
    if (!firstFailure) firstFailure = `user-${i}: ${err.message} ${err.cause?.message ?? ""}`;
  }
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}

async function worker() {
  while (next < n) await upsert(next++);
}

async function main() {
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(n, 1)) }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const ok = (statuses.get(200) ?? 0) + (statuses.get(201) ?? 0);
  const histogram = [...statuses].map(([s, c]) => `${s}=${c}`).join(" ");
  console.log(
    `seeded ${ok}/${n} contacts in ${seconds.toFixed(2)} s ` +
      `(${(n / seconds).toFixed(0)} req/s, concurrency ${concurrency}) statuses: ${histogram || "none"}`
  );
  if (ok !== n) {
    console.error(`first failure: ${firstFailure}`);
    process.exit(1);
  }
}

main();
