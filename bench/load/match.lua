-- wrk script: POST /match/default with QUERIES queries per request (env
-- CORDON_LOAD_QUERIES, default 1), names drawn in turn from a fixed mix of
-- listed parties (with spelling variants) and unlisted ones. With
-- CORDON_LOAD_DELAY_MS each connection waits that long before each request
-- (a steady load for the soak test, bench/soak/run.sh) instead of sending
-- as fast as the server answers. The RESULT line counts socket errors and
-- non-2xx answers together (`errors`) and non-2xx alone (`non2xx`).
local names = {
  "Qods Aviation Industries", "Shahed Aviation Industries Research Centre",
  "Alabuga Machinery LLC", "Special Economic Zone Alabuga JSC",
  "Timur Shagivaleev", "Шагивалеев Тимур Наилевич", "Islamic Revolutionary Guard Corps",
  "Rosoboronexport", "Bank Melli Iran", "Korea Mining Development Trading Corp",
  "Joint Stock Company Kronshtadt", "Sberbank", "VTB Bank PJSC", "Gazprombank",
  "Mahan Air", "Hezbollah", "Kim Jong Un", "Viktor Bout", "Abu Bakr al-Baghdadi",
  "John Smith", "Acme Widgets GmbH", "Emma Johnson", "Maria Garcia Lopez",
  "Global Trading Ltd", "Li Wei", "Nordic Freight AS", "Hans Muller",
  "Sunrise Logistics FZE", "Ahmed Hassan", "Pacific Ocean Shipping Co",
}
local per_request = tonumber(os.getenv("CORDON_LOAD_QUERIES") or "1")
local key = os.getenv("CORDON_LOAD_KEY")
local counter = 0
local pause = tonumber(os.getenv("CORDON_LOAD_DELAY_MS") or "0")

if pause > 0 then
  delay = function()
    return pause
  end
end

wrk.method = "POST"
wrk.path = "/match/default"
wrk.headers["Content-Type"] = "application/json"
if key then wrk.headers["X-API-Key"] = key end

request = function()
  local parts = {}
  for i = 1, per_request do
    counter = counter + 1
    local name = names[(counter % #names) + 1]
    parts[#parts + 1] = string.format(
      '"q%d": {"schema": "LegalEntity", "properties": {"name": ["%s"]}}', i, name)
  end
  local body = '{"queries": {' .. table.concat(parts, ", ") .. '}}'
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT queries_per_request=%d requests=%d errors=%d non2xx=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    per_request, summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, e.status,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
