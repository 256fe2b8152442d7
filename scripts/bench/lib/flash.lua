-- wrk script for flash-sale.ts. FLASH_MODE=hello: GET the path (the express hello route).
-- Otherwise each request POSTs the buy path for a random shopper of FLASH_SHOPPERS_FILE (lines
-- "<token> <addressId>"), Host FLASH_HOST, one unit. done() prints one line "BENCHJSON {...}":
-- wrk's counts and latency percentiles (µs) and the answers by status over every thread.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

statuses = {}
local mode, host, tokens, addresses

function init(args)
  mode = os.getenv("FLASH_MODE") or "buy"
  host = os.getenv("FLASH_HOST") or "localhost"
  if mode == "buy" then
    tokens, addresses = {}, {}
    for line in io.lines(os.getenv("FLASH_SHOPPERS_FILE")) do
      local t, a = string.match(line, "^(%S+) (%d+)$")
      if t then
        tokens[#tokens + 1] = t
        addresses[#addresses + 1] = a
      end
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  -- wrk calls request() once in its main Lua state to check it: no shoppers there
  if mode ~= "buy" or not tokens then
    return wrk.format("GET", wrk.path, { ["Host"] = host })
  end
  local i = math.random(#tokens)
  local headers = { ["Host"] = host, ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" }
  return wrk.format("POST", wrk.path, headers, '{"quantity":1,"addressId":' .. addresses[i] .. '}')
end

function response(status, headers, body)
  local k = tostring(status)
  statuses[k] = (statuses[k] or 0) + 1
end

function done(summary, latency, requests)
  local byStatus = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do byStatus[k] = (byStatus[k] or 0) + v end
  end
  local st = {}
  for k, v in pairs(byStatus) do st[#st + 1] = '"' .. k .. '":' .. v end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"min":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d},"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.min, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    table.concat(st, ",")))
end
