-- wrk script: POST /api/v1/events with a random contact, a random event key and small properties.
--
--   CUEFLOW_API_KEY=sk_... wrk -t2 -c64 -d30s --latency -s bench/events.lua http://127.0.0.1:8080 [-- N]
--
-- N (contacts user-0 .. user-(N-1), which must already exist: see seed-contacts.js) comes from
-- the script argument after "--", else from $CUEFLOW_BENCH_CONTACTS, else 10000.
-- done() prints a histogram of the response statuses, so errors (401, 404, 429, ...) are visible.

local api_key = os.getenv("CUEFLOW_API_KEY")
if api_key == nil or api_key == "" then
  io.stderr:write("events.lua: CUEFLOW_API_KEY is not set\n")
  os.exit(2)
end

local event_keys = {
  "signup_completed", "onboarding_started", "onboarding_completed", "profile_updated",
  "feature_used", "report_created", "report_viewed", "export_started", "export_completed",
  "advanced_export_viewed", "advanced_export_used", "purchase_completed", "plan_upgraded",
  "plan_downgraded", "trial_started", "trial_ended", "invoice_paid", "payment_failed",
  "page_viewed", "button_clicked", "form_submitted", "search_performed", "file_uploaded",
  "file_downloaded", "comment_added", "team_member_invited", "integration_connected",
  "dashboard_viewed", "notification_clicked", "session_started",
}
local plans = { "free", "starter", "pro", "enterprise" }
local sources = { "web", "ios", "android", "api" }

-- setup() runs in the main Lua state, once per thread, before the threads start.
local threads = {}
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

-- The rest runs in each thread's own Lua state.
local contacts = 10000
statuses = {}      -- status code -> count, read back by done() through thread:get
first_errors = {}  -- status code -> first response body seen with it

function init(args)
  contacts = tonumber(args[1]) or tonumber(os.getenv("CUEFLOW_BENCH_CONTACTS") or "") or 10000
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
  wrk.method = "POST"
  wrk.path = "/api/v1/events"
  wrk.headers["Authorization"] = "Bearer " .. api_key
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = string.format(
    '{"externalId":"user-%d","eventKey":"%s","properties":{"plan":"%s","amount":%d.%02d,"source":"%s","firstTime":%s}}',
    math.random(0, contacts - 1),
    event_keys[math.random(#event_keys)],
    plans[math.random(#plans)],
    math.random(1, 499), math.random(0, 99),
    sources[math.random(#sources)],
    math.random() < 0.1 and "true" or "false")
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 201 and first_errors[status] == nil then
    first_errors[status] = string.sub(body or "", 1, 300)
  end
end

function done(summary, latency, requests)
  local total, counts, bodies = 0, {}, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + count
      total = total + count
    end
    for status, body in pairs(thread:get("first_errors") or {}) do
      bodies[status] = bodies[status] or body
    end
  end
  local codes = {}
  for status in pairs(counts) do table.insert(codes, status) end
  table.sort(codes)
  local non201 = total - (counts[201] or 0)
  io.write("------------------------------\n")
  io.write(string.format("events.lua: %d responses, %d non-201, socket errors: connect %d, read %d, write %d, timeout %d\n",
    total, non201, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write("status histogram:\n")
  for _, status in ipairs(codes) do
    io.write(string.format("  %d: %d\n", status, counts[status]))
  end
  for _, status in ipairs(codes) do
    if bodies[status] then
      io.write(string.format("first %d body: %s\n", status, bodies[status]))
    end
  end
  io.write(string.format("NON201=%d\n", non201))
end
