-- wrk script for webhooks.py: `wrk ... -s webhooks.lua URL -- SPEC_FILE`.
-- Each line of SPEC_FILE is one pre-signed delivery: path, webhook-id, webhook-timestamp,
-- webhook-signature and body, tab-separated. Thread i of n sends lines i, i+n, i+2n, ..., so
-- no two requests carry the same webhook-id (until a thread runs out and starts again).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads - 1)
  thread:set("thread_count", 0)
end

local requests = {}
local turn = 0
non2xx = 0

function init(args)
  local count = #threads > 0 and #threads or tonumber(args[2])
  local index = 0
  for line in io.lines(args[1]) do
    if index % tonumber(args[2]) == thread_number then
      local path, id, stamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = id,
        ["webhook-timestamp"] = stamp,
        ["webhook-signature"] = signature,
      }
      table.insert(requests, wrk.format("POST", path, headers, body))
    end
    index = index + 1
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests_)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("non2xx") end
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"non2xx": %d, "timeouts": %d, "connect_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, failed, summary.errors.timeout, summary.errors.connect))
end
