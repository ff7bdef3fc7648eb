-- wrk script: POST /api/v1/events/batch with 1,000 events per request (or B from `-- N B`).
-- Contacts user-0 .. user-(N-1) (N from `-- N`, default 100000), 30 event keys, back-filled
-- timestamps over the last 30 days. Bodies are generated once per thread and cycled.
-- done() prints the status histogram and how many responses had rejected items.
local contacts = 100000
local per_batch = 1000
local bodies = {}
local counter = 1
rejected_responses = 0
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then contacts = tonumber(args[1]) end
  if args[2] then per_batch = tonumber(args[2]) end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("CUEFLOW_API_KEY")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  local now = os.time()
  for b = 1, 16 do
    local items = {}
    for i = 1, per_batch do
      local t = os.date("!%Y-%m-%dT%H:%M:%SZ", now - math.random(0, 30 * 86400))
      items[i] = string.format('{"externalId":"user-%d","eventKey":"event_key_%d","timestamp":"%s","properties":{"plan":"pro","amount":%d,"currency":"USD"}}',
        math.random(0, contacts - 1), math.random(0, 29), t, math.random(1, 1000))
    end
    bodies[b] = '{"events":[' .. table.concat(items, ",") .. ']}'
  end
end

function request()
  counter = counter % #bodies + 1
  return wrk.format(nil, "/api/v1/events/batch", nil, bodies[counter])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 and not string.find(body, '"rejected":0,', 1, true) then
    rejected_responses = rejected_responses + 1
  end
end

function done(summary, latency, requests)
  local total, bad = {}, 0
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
    bad = bad + thread:get("rejected_responses")
  end
  for code, n in pairs(total) do io.write(string.format("status %d: %d\n", code, n)) end
  io.write(string.format("BATCHES_WITH_REJECTED=%d\n", bad))
end
