-- wrk script of the benchmarks (latency.sh, throughput.sh, load.sh): send the session cookie
-- (ROADMAP_COOKIE, if set), count answers that are not 2xx (wrk counts only >= 400) and print
-- one line: "rps=<requests/s> p50=<ms> p90=<ms> p95=<ms> p99=<ms> max=<ms> requests=<n>
-- non2xx=<n> errors=<n>". wrk's --latency table stops at 50/75/90/99; p95 comes from its
-- histogram here.
-- With ROADMAP_UNIQUE=1 every request asks a different address (a "nocache" query
-- parameter the pages ignore), so no whole-page cache answers: each request is a first
-- visit of that page by someone, while the data caches keyed on the data version still hold.
local cookie = os.getenv("ROADMAP_COOKIE")
local unique = os.getenv("ROADMAP_UNIQUE") == "1"
local counter = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)  -- each thread's own addresses: one never reuses another's
end

init = function(args)
  non2xx = 0
  if cookie and cookie ~= "" then wrk.headers["Cookie"] = "session=" .. cookie end
end

if unique then
  request = function()
    counter = counter + 1
    local separator = wrk.path:find("?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. separator .. "nocache=" .. tid .. "-" .. counter)
  end
end

response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  local ms = function(p) return latency:percentile(p) / 1000 end
  io.write(string.format(
    "rps=%.1f p50=%.1f p90=%.1f p95=%.1f p99=%.1f max=%.1f requests=%d non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), ms(50), ms(90), ms(95), ms(99),
    latency.max / 1000, summary.requests, bad, errors))
end
