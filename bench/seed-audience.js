#!/usr/bin/env node
// Seed an audience for the eligibility benchmark over the public API (Node 20+, no packages):
//   1. N contacts user-0 .. user-(N-1) (POST /api/v1/contacts, ~32 in flight) with plan, email and customAttributes;
//   2. for each contact, events of all 20 event keys (1-4 each, back-filled over 60 days, small properties),
//      sent with POST /api/v1/events/batch (1,000 per batch, 4 batches in flight);
//   3. 50 messages with varied targetings (event rules, some with where / withinDays, contact rules, page
//      rules, OR groups), created and published.
//
//   node bench/seed-audience.js http://127.0.0.1:8080 sk_... 10000
//
// The key may also come from CUEFLOW_API_KEY (pass "-"). Deterministic (seeded PRNG). Exits 1 on any failure.

const [url, keyArg, nArg] = process.argv.slice(2);
const key = keyArg && keyArg !== "-" ? keyArg : process.env.CUEFLOW_API_KEY;
const n = Number.parseInt(nArg ?? "10000", 10);
if (!url || !key || !(n >= 1)) {
  console.error("usage: node bench/seed-audience.js URL KEY N   (KEY '-' = $CUEFLOW_API_KEY)");
  process.exit(2);
}
const base = url.replace(/\/+$/, "");

// mulberry32: a small seeded PRNG, so every run seeds the same data.
let state = 20261126;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const EVENT_KEYS = [
  "signup_completed", "onboarding_completed", "profile_updated", "feature_used", "report_created",
  "report_viewed", "export_started", "export_completed", "advanced_export_viewed", "advanced_export_used",
  "purchase_completed", "plan_upgraded", "trial_started", "invoice_paid", "page_viewed",
  "search_performed", "file_uploaded", "comment_added", "team_member_invited", "integration_connected",
];
const PLANS = ["free", "starter", "pro", "enterprise"];
const SOURCES = ["web", "ios", "android", "api"];
const DAY = 86_400_000;

async function call(method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

function fail(what) {
  console.error(`seed-audience.js: ${what}`);
  process.exit(1);
}

async function inParallel(count, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function seedContacts() {
  const start = Date.now();
  await inParallel(n, 32, async (i) => {
    const body = {
      externalId: `user-${i}`,
      email: `user${i}@${pick(["example.com", "acme.io", "corp.example.org"])}`,
      name: `User ${i}`,
      plan: PLANS[i % PLANS.length],
      signedUpAt: new Date(Date.now() - int(1, 400) * DAY).toISOString(),
      customAttributes: { seats: (i % 50) + 1, beta: i % 7 === 0, company: pick(["Acme", "Globex", "Initech"]) },
    };
    const r = await call("POST", "/api/v1/contacts", body);
    if (r.status !== 200 && r.status !== 201) fail(`contact user-${i}: HTTP ${r.status} ${r.text}`);
  });
  console.log(`contacts: ${n} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

function eventsOf(i) {
  const now = Date.now();
  const events = [];
  for (const eventKey of EVENT_KEYS) {
    for (let k = int(1, 4); k > 0; k--) {
      events.push({
        externalId: `user-${i}`,
        eventKey,
        timestamp: new Date(now - Math.floor(random() * 60 * DAY)).toISOString(),
        properties: { plan: pick(PLANS), amount: int(1, 500), source: pick(SOURCES), first: random() < 0.1 },
      });
    }
  }
  return events;
}

async function seedEvents() {
  const start = Date.now();
  let total = 0;
  const batches = [];
  let batch = [];
  for (let i = 0; i < n; i++) {
    for (const event of eventsOf(i)) {
      batch.push(event);
      if (batch.length === 1000) { batches.push(batch); batch = []; }
    }
  }
  if (batch.length) batches.push(batch);
  await inParallel(batches.length, 4, async (b) => {
    const r = await call("POST", "/api/v1/events/batch", { events: batches[b] });
    if (r.status !== 200) fail(`batch ${b}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
    const body = JSON.parse(r.text);
    if (body.accepted !== batches[b].length) fail(`batch ${b}: accepted ${body.accepted} of ${batches[b].length}: ${r.text.slice(0, 500)}`);
    total += body.accepted;
  });
  console.log(`events: ${total} (20 keys per contact) in ${batches.length} batches, ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

const event = (eventKey, operator, extra = {}) => ({ type: "event", eventKey, operator, ...extra });
const contact = (field, operator, extra = {}) => ({ type: "contact", field, operator, ...extra });
const page = (field, operator, value) => ({ type: "page", field, operator, value });
const all = (...rules) => ({ groups: [{ rules }] });
const any = (...groups) => ({ groups: groups.map((rules) => ({ rules })) });

// 50 targetings, roughly what a product team runs: most on events, some filtered or windowed, some on
// contact fields, some on the page, a few with OR groups.
function targetings() {
  const k = (i) => EVENT_KEYS[i % EVENT_KEYS.length];
  const list = [];
  list.push({}, { groups: [] });
  list.push(all(event("advanced_export_viewed", "has_done"), event("advanced_export_used", "has_not_done")));
  for (let i = 0; i < 6; i++) list.push(all(event(k(i * 3), "has_done")));
  for (let i = 0; i < 3; i++) list.push(all(event(`never_done_${i}`, "has_not_done")));
  for (let i = 0; i < 5; i++) list.push(all(event(k(i * 4 + 1), "count_greater_than", { value: 2 + i })));
  for (let i = 0; i < 4; i++) list.push(all(event(k(i * 5 + 2), "count_greater_than", { value: 1, withinDays: [7, 14, 30, 45][i] })));
  for (let i = 0; i < 3; i++) {
    list.push(all(event(k(i * 6 + 3), "has_done", { where: [{ property: "plan", operator: "equals", value: "pro" }] })));
  }
  list.push(all(event("purchase_completed", "count_greater_than",
    { value: 0, withinDays: 30, where: [{ property: "amount", operator: "greater_than", value: 250 }] })));
  for (let i = 0; i < 3; i++) list.push(all(event(k(i * 7 + 4), "first_done_within", { days: [30, 45, 60][i] })));
  for (let i = 0; i < 3; i++) list.push(all(event(k(i * 7 + 5), "last_done_within", { days: [1, 7, 14][i] })));
  list.push(all(contact("plan", "equals", { value: "pro" })));
  list.push(all(contact("customAttributes.seats", "greater_than", { value: 25 })));
  list.push(all(contact("email", "ends_with", { value: "@acme.io" })));
  list.push(all(contact("signedUpAt", "is_within", { days: 90 })));
  list.push(all(contact("name", "starts_with", { value: "User 1" }), event("export_started", "has_done")));
  list.push(all(contact("customAttributes.beta", "equals", { value: true }), event("feature_used", "has_done")));
  list.push(all(page("path", "starts_with", "/settings")));
  list.push(all(page("url", "contains", "/reports")));
  list.push(all(page("path", "equals", "/billing"), contact("plan", "not_equals", { value: "free" })));
  list.push(all(page("path", "starts_with", "/settings"), event("integration_connected", "has_not_done")));
  list.push(all(page("path", "not_contains", "/home"), event("team_member_invited", "count_greater_than", { value: 1 })));
  list.push(any([event("plan_upgraded", "has_done")], [contact("plan", "equals", { value: "enterprise" })]));
  list.push(any([event("trial_started", "last_done_within", { days: 14 }), contact("plan", "equals", { value: "starter" })],
    [event("invoice_paid", "count_greater_than", { value: 3 })]));
  list.push(any([page("path", "starts_with", "/reports"), event("report_created", "has_done")],
    [event("export_completed", "count_greater_than", { value: 2, withinDays: 30 })]));
  list.push(any([contact("customAttributes.company", "equals", { value: "Acme" })],
    [event("comment_added", "has_done", { where: [{ property: "source", operator: "equals", value: "ios" }] })],
    [page("path", "equals", "/home")]));
  list.push(all(event("search_performed", "has_done"), event("file_uploaded", "has_done"), contact("plan", "not_equals", { value: "free" })));
  list.push(all(event("onboarding_completed", "has_not_done"), event("signup_completed", "first_done_within", { days: 30 })));
  list.push(all(event("page_viewed", "count_greater_than", { value: 3 }), page("path", "starts_with", "/settings")));
  list.push(all(event("profile_updated", "last_done_within", { days: 30 }), contact("customAttributes.seats", "between", { value: [5, 20] })));
  if (list.length !== 50) fail(`expected 50 targetings, built ${list.length}`);
  return list;
}

async function seedMessages() {
  let i = 0;
  for (const targeting of targetings()) {
    const body = {
      name: `Bench message ${i}`,
      type: i % 3 === 0 ? "modal" : "banner",
      content: {
        title: `Message ${i}`,
        body: "A short body, as in-app messages have.",
        primaryButton: { text: "Open", url: "/go" },
        ...(i % 3 === 0 ? {} : { position: "top", dismissible: true }),
      },
      targeting,
      frequency: ["every_time", "until_dismissed", "once"][i % 3],
      priority: (i * 37) % 101,
    };
    const created = await call("POST", "/api/v1/messages", body);
    if (created.status !== 201) fail(`message ${i}: HTTP ${created.status} ${created.text}`);
    const id = JSON.parse(created.text).message.id;
    const published = await call("POST", `/api/v1/messages/${id}/publish`);
    if (published.status !== 200) fail(`publish ${i}: HTTP ${published.status} ${published.text}`);
    i++;
  }
  console.log(`messages: ${i} created and published`);
}

async function main() {
  await seedContacts();
  await seedEvents();
  await seedMessages();
}

main().catch((err) => fail(err.stack ?? String(err)));
