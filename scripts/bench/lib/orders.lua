-- wrk script for POST /api/v1/shop/orders, run as `wrk -tN -cN`: one connection per thread, so
-- each connection is one shopper. Thread i reads line i+1 of BENCH_ORDERS_FILE:
--   <host> <token> <addressId> <listingSkuId>[,<listingSkuId>...]
-- and each of its requests buys 1 unit of a random SKU of its list (a one-SKU list: the hot row),
-- remark "<BENCH_TAG>-<thread>-<n>" so orders.ts finds in the database exactly the orders of
-- this run; BENCH_IDEMPOTENCY=1 sends the remark as Idempotency-Key too (unique per request).
-- At the end one line "BENCHJSON {...}": wrk's counts and latency percentiles (µs), and summed over
-- the threads the answers by status, the requests sent and answered, and the remarks of requests
-- that got no answer (in flight when wrk stopped, or lost with a broken connection), and the
-- status and body of up to ten answers other than 201.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- per-thread globals (read back with thread:get in done)
sent = 0
answered = 0
statuses = {}
lost = {}
errs = {}
pending = nil

local host, token, address, skus, tag, idem

function init(args)
  tag = os.getenv("BENCH_TAG") or "run"
  idem = os.getenv("BENCH_IDEMPOTENCY") == "1"
  local f = assert(io.open(os.getenv("BENCH_ORDERS_FILE"), "r"))
  local n = 0
  for line in f:lines() do
    if n == tid then
      local h, t, a, s = string.match(line, "^(%S+) (%S+) (%d+) (%S+)$")
      host, token, address = h, t, a
      skus = {}
      for id in string.gmatch(s, "%d+") do skus[#skus + 1] = id end
    end
    n = n + 1
  end
  f:close()
  assert(skus and #skus > 0, "no line " .. tostring(tid + 1) .. " in BENCH_ORDERS_FILE")
  math.randomseed(os.time() + tid * 7919 + math.floor(os.clock() * 1000000))
end

function request()
  -- wrk calls request() once in its main Lua state to check the request: no shopper there
  if not skus then
    return wrk.format("POST", wrk.path, { ["Host"] = "check.localhost", ["Content-Type"] = "application/json" }, "{}")
  end
  if pending then lost[#lost + 1] = pending end
  sent = sent + 1
  local remark = tag .. "-" .. tid .. "-" .. sent
  pending = remark
  local body = '{"items":[{"skuId":' .. skus[math.random(#skus)] .. ',"quantity":1}],"addressId":' .. address .. ',"remark":"' .. remark .. '"}'
  local headers = { ["Host"] = host, ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  if idem then headers["Idempotency-Key"] = remark end
  return wrk.format("POST", wrk.path, headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  pending = nil
  local k = tostring(status)
  statuses[k] = (statuses[k] or 0) + 1
  -- the first few refusals of each thread, to tell what they were
  if status ~= 201 and #errs < 3 then errs[#errs + 1] = k .. " " .. string.sub(body or "", 1, 400) end
end

local function esc(s)
  return (string.gsub(string.gsub(string.gsub(s, "\\", "\\\\"), '"', '\\"'), "[%c]", " "))
end

function done(summary, latency, requests)
  local totalSent, totalAnswered = 0, 0
  local byStatus = {}
  local unanswered = {}
  local samples = {}
  for _, t in ipairs(threads) do
    totalSent = totalSent + t:get("sent")
    totalAnswered = totalAnswered + t:get("answered")
    for k, v in pairs(t:get("statuses")) do byStatus[k] = (byStatus[k] or 0) + v end
    for _, r in ipairs(t:get("lost")) do unanswered[#unanswered + 1] = '"' .. r .. '"' end
    for _, e in ipairs(t:get("errs")) do if #samples < 10 then samples[#samples + 1] = '"' .. esc(e) .. '"' end end
    local p = t:get("pending")
    if p then unanswered[#unanswered + 1] = '"' .. p .. '"' end
  end
  local st = {}
  for k, v in pairs(byStatus) do st[#st + 1] = '"' .. k .. '":' .. v end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"min":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d},' ..
    '"sent":%d,"answered":%d,"statuses":{%s},"unanswered":[%s],"errorSamples":[%s]}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.min, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    totalSent, totalAnswered, table.concat(st, ","), table.concat(unanswered, ","), table.concat(samples, ",")))
end
