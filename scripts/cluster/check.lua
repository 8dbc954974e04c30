-- wrk script for cluster-test.sh: replays "STATUS PATH" lines of $MIX in
-- a random order and counts every answer whose status is not the line's.
-- Run with as many threads as connections: each thread then has one
-- request in flight, so an answer is the last request's.
local mix = {}
for line in io.lines(os.getenv("MIX")) do
	local status, path = line:match("^(%d+)%s+(%S+)$")
	if status then mix[#mix + 1] = {tonumber(status), path} end
end
local threads = {}
function setup(thread)
	thread:set("id", #threads + 1)
	table.insert(threads, thread)
end
function init(args)
	math.randomseed(os.time() * 97 + id)
	counts, wrong, last = {}, {}, nil
end
function request()
	last = mix[math.random(#mix)]
	return wrk.format("GET", last[2], {["Accept-Encoding"] = "gzip"})
end
function response(status, headers, body)
	counts[status] = (counts[status] or 0) + 1
	if last and status ~= last[1] then
		local k = status .. " " .. last[2]
		wrong[k] = (wrong[k] or 0) + 1
	end
end
function done(summary, latency, requests)
	local total, bad = {}, {}
	for _, t in ipairs(threads) do
		for status, n in pairs(t:get("counts")) do total[status] = (total[status] or 0) + n end
		for k, n in pairs(t:get("wrong")) do bad[k] = (bad[k] or 0) + n end
	end
	for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
	local unexpected = 0
	for k, n in pairs(bad) do
		io.write(string.format("unexpected %d %s\n", n, k))
		unexpected = unexpected + n
	end
	local e = summary.errors
	io.write(string.format("unexpected_total %d\nsocket_errors %d\ntimeouts %d\n", unexpected, e.connect + e.read + e.write, e.timeout))
	io.write(string.format("requests %d\nrps %.0f\np50_us %d\np99_us %d\nmax_us %d\n", summary.requests,
		summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), latency.max))
end
