-- wrk script: POST /v1/batch with B Segment calls per request (from `-- N B`, default 200), as
-- @segment/analytics-node sends them: track calls (with its context, _metadata and a unique
-- messageId) for contacts user-0 .. user-(N-1), 30 event names in title case, nested properties,
-- timestamps back-filled over the last 30 days, the batch's sentAt. Message ids are unique (a
-- random salt per wrk run, thread, request counter, index), so no call is a duplicate.
-- done() prints the status histogram.
local contacts = 100000
local per_batch = 200
local templates = {}
local counter = 0
local salt = 0
statuses = {}
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then contacts = tonumber(args[1]) end
  if args[2] then per_batch = tonumber(args[2]) end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Basic " .. os.getenv("CUEFLOW_BASIC_AUTH")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  salt = math.random(1, 1000000000)
  local now = os.time()
  for b = 1, 16 do
    local parts = {}
    for i = 1, per_batch do
      local t = os.date("!%Y-%m-%dT%H:%M:%S.000Z", now - math.random(0, 30 * 86400))
      -- Each call is split where its messageId goes, so request() can make it unique cheaply.
      parts[2 * i - 1] = string.format('%s{"type":"track","event":"Event Key %d","userId":"user-%d","properties":{"plan":"pro",'
        .. '"amount":%d,"currency":"USD","product":{"sku":"sku-%d","category":"tools"}},"context":{"library":'
        .. '{"name":"@segment/analytics-node","version":"3.1.0"},"ip":"203.0.113.%d"},"integrations":{},'
        .. '"_metadata":{"nodeVersion":"20.20.2","jsRuntime":"node"},"timestamp":"%s","messageId":"node-next-',
        i == 1 and "" or ",", math.random(0, 29), math.random(0, contacts - 1), math.random(1, 1000),
        math.random(1, 500), math.random(1, 254), t)
      parts[2 * i] = '-' .. i .. '"}'
    end
    templates[b] = parts
  end
end

function request()
  counter = counter + 1
  local parts = templates[counter % #templates + 1]
  local prefix = salt .. "-" .. thread_id .. "-" .. counter
  local body = {'{"batch":['}
  for i = 1, #parts, 2 do
    body[#body + 1] = parts[i]
    body[#body + 1] = prefix
    body[#body + 1] = parts[i + 1]
  end
  body[#body + 1] = '],"sentAt":"' .. os.date("!%Y-%m-%dT%H:%M:%S.000Z") .. '"}'
  return wrk.format(nil, "/v1/batch", nil, table.concat(body))
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d: %d\n", code, n)) end
end
