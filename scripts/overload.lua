-- wrk script: replays the URLs of the file $MIX in a loop and prints the
-- statuses, percentiles and errors on stdout as "key value" lines.
local urls = {}
for line in io.lines(os.getenv("MIX")) do
	if line ~= "" and line:sub(1, 1) ~= "#" then urls[#urls + 1] = line end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
	counts = {}
	i = math.random(#urls)
end
function request()
	i = i % #urls + 1
	return wrk.format("GET", urls[i], {["Accept-Encoding"] = "gzip"})
end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
	local total = {}
	for _, t in ipairs(threads) do
		for status, n in pairs(t:get("counts")) do total[status] = (total[status] or 0) + n end
	end
	for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
	io.write(string.format("p50_us %d\np99_us %d\nmax_us %d\n", latency:percentile(50), latency:percentile(99), latency.max))
	local e = summary.errors
	io.write(string.format("timeouts %d\nsocket_errors %d\n", e.timeout, e.connect + e.read + e.write))
	io.write(string.format("requests %d\nrps %.0f\n", summary.requests, summary.requests / (summary.duration / 1e6)))
end
