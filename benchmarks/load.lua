-- wrk script for api_load.py: `wrk ... -s load.lua URL -- SPEC_FILE`.
-- Each line of SPEC_FILE is one request: kind, method, path, bearer token ("-" for none) and
-- body ("-" for none), tab-separated. Requests are sent in turn, so a file with nine reads
-- and one write is a 90/10 mix. With one connection per thread (-t N -c N) each kind's
-- latency is measured on its own; done() prints one line: RESULT {json}.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } mh_timespec;
int clock_gettime(int clock_id, mh_timespec *tp);
]]
local clock = ffi.new("mh_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local requests, kinds, samples = {}, {}, {}
local turn, current_kind, started = 0, nil, 0
-- Read by done() through thread:get, which copies numbers, strings and flat tables only.
non2xx, kind_names = 0, ""

function init(args)
  for line in io.lines(args[1]) do
    local kind, method, path, token, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = { ["Accept"] = "*/*" }
    if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
    if body == "-" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    table.insert(requests, wrk.format(method, path, headers, body))
    table.insert(kinds, kind)
    if samples[kind] == nil then
      samples[kind] = {}
      _G["samples_" .. kind] = samples[kind]
      kind_names = kind_names == "" and kind or kind_names .. "," .. kind
    end
  end
  -- Threads start at different places in the cycle, so the mix holds at every moment.
  turn = (thread_number or 0) % #requests
end

function request()
  turn = turn % #requests + 1
  current_kind = kinds[turn]
  started = now_us()
  return requests[turn]
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  local list = samples[current_kind]
  list[#list + 1] = now_us() - started
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  local index = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[index]
end

function done(summary, latency, _requests)
  local total_non2xx, by_kind = 0, {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + thread:get("non2xx")
    for kind in string.gmatch(thread:get("kind_names"), "[^,]+") do
      by_kind[kind] = by_kind[kind] or {}
      for _, value in ipairs(thread:get("samples_" .. kind)) do table.insert(by_kind[kind], value) end
    end
  end
  local parts = {}
  for kind, list in pairs(by_kind) do
    table.sort(list)
    table.insert(parts, string.format('"%s":{"requests":%d,"p50_us":%d,"p99_us":%d}',
      kind, #list, percentile(list, 50), percentile(list, 99)))
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"timeouts":%d,' ..
    '"socket_errors":%d,"non2xx":%d,"kinds":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.timeout, e.connect + e.read + e.write, total_non2xx, table.concat(parts, ",")))
end
