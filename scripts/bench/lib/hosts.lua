-- wrk script: every request goes to a random tenant's host (<slug>.localhost), the path from the
-- command line; at the end one line "BENCHJSON {...}" with counts and latency percentiles (µs).
local hosts = {}
for h in string.gmatch(os.getenv("BENCH_HOSTS") or "", "[^,]+") do hosts[#hosts + 1] = h end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local headers = { ["Host"] = hosts[math.random(#hosts)], ["Accept"] = "application/json" }
  return wrk.format("GET", wrk.path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"min":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.min, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
