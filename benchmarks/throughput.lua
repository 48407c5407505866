-- wrk script: send the session cookie (from ROADMAP_COOKIE, if set), count non-2xx answers,
-- and print one machine-readable line: "rps=<requests per second> non2xx=<n> errors=<n> p95=<ms>".
local cookie = os.getenv("ROADMAP_COOKIE")
local threads = {}

setup = function(thread) table.insert(threads, thread) end

init = function(args)
  non2xx = 0
  if cookie and cookie ~= "" then wrk.headers["Cookie"] = "session=" .. cookie end
end

response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("rps=%.1f non2xx=%d errors=%d p95=%.1f\n",
    summary.requests / (summary.duration / 1e6), bad, errors, latency:percentile(95) / 1000))
end
