-- wrk script: GET /api/v1/contacts/{random user}/messages?url={random page}, as the embed script asks on a page view.
--
--   CUEFLOW_API_KEY=sk_... wrk -t2 -c64 -d30s --latency -s bench/eligibility.lua http://127.0.0.1:8080 [-- N]
--
-- N (contacts user-0 .. user-(N-1), seeded by seed-audience.js) comes from the script argument after "--",
-- else from $CUEFLOW_BENCH_CONTACTS, else 10000. done() prints a histogram of the response statuses and the
-- mean response size, so errors (401, 404, 429, ...) are visible.
--
-- With CUEFLOW_BENCH_PACE_MS=D each connection waits D ms after each answer before its next request, so C
-- connections offer about C * 1000 / (D + latency) requests/s: the latency at that rate rather than at saturation.

local api_key = os.getenv("CUEFLOW_API_KEY")
if api_key == nil or api_key == "" then
  io.stderr:write("eligibility.lua: CUEFLOW_API_KEY is not set\n")
  os.exit(2)
end

-- Pages, URL-encoded: paths and absolute URLs with a query, matching and missing the benchmark's page rules.
local pages = {
  "%2Fsettings", "%2Fsettings%2Fbilling", "%2Fhome", "%2Freports%2Fweekly", "%2Fbilling", "%2Fprojects%2F42",
  "https%3A%2F%2Fapp.example.com%2Fsettings%2Fteam%3Ftab%3Dmembers",
  "https%3A%2F%2Fapp.example.com%2Freports%2Fmonthly%3Fy%3D2026%26m%3D11",
  "https%3A%2F%2Fapp.example.com%2Fhome",
}

local threads = {}
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

local contacts = 10000
local pace_ms = tonumber(os.getenv("CUEFLOW_BENCH_PACE_MS") or "")
statuses = {}      -- status code -> count, read back by done() through thread:get
first_errors = {}  -- status code -> first response body seen with it
bytes = 0
responses = 0

function init(args)
  contacts = tonumber(args[1]) or tonumber(os.getenv("CUEFLOW_BENCH_CONTACTS") or "") or 10000
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
  wrk.method = "GET"
  wrk.headers["Authorization"] = "Bearer " .. api_key
end

function request()
  local path = string.format("/api/v1/contacts/user-%d/messages?url=%s",
    math.random(0, contacts - 1), pages[math.random(#pages)])
  return wrk.format(nil, path)
end

if pace_ms then
  function delay()
    return pace_ms
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  responses = responses + 1
  bytes = bytes + #body
  if status ~= 200 and first_errors[status] == nil then
    first_errors[status] = string.sub(body, 1, 300)
  end
end

function done(summary, latency, requests)
  local merged, errors, total_bytes, total_responses = {}, {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
    for status, body in pairs(thread:get("first_errors")) do
      errors[status] = errors[status] or body
    end
    total_bytes = total_bytes + thread:get("bytes")
    total_responses = total_responses + thread:get("responses")
  end
  local non200 = 0
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, status .. "=" .. count)
    if status ~= 200 then non200 = non200 + count end
  end
  table.sort(parts)
  io.write("eligibility.lua: statuses " .. table.concat(parts, " ") .. "\n")
  if total_responses > 0 then
    io.write(string.format("eligibility.lua: mean response %.0f bytes\n", total_bytes / total_responses))
  end
  for status, body in pairs(errors) do
    io.write("eligibility.lua: first " .. status .. ": " .. body .. "\n")
  end
  io.write("NON200=" .. non200 .. "\n")
end
