-- What visitors of the public map ask for, in turns (bench/bench_scale.py, P6): the areas with
-- and without shapes, clusters for all of Brooklyn, a neighbourhood and a street, and the
-- cameras of a few streets. Compressed, as browsers ask.
local paths = {
  "/api/v1/areas/?geometry=false",
  "/api/v1/areas/",
  "/api/v1/cameras/clusters/?zoom=12&bbox=-74.05,40.56,-73.83,40.74",
  "/api/v1/cameras/clusters/?zoom=15&bbox=-73.965,40.670,-73.925,40.690",
  "/api/v1/cameras/clusters/?zoom=17&bbox=-73.947,40.678,-73.943,40.681",
  "/api/v1/cameras/?bbox=-73.947,40.678,-73.943,40.681",
}
local n = 0
wrk.headers["Accept-Encoding"] = "gzip"

request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("p95_ms %.1f\n", latency:percentile(95) / 1000))
  io.write(string.format("non2xx %d\n", e.status + e.connect + e.read + e.write + e.timeout))
end
