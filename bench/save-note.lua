-- wrk script for POST /save-note: each request adds one distinct note to one of
-- the tasks listed (one "task_id<TAB>client" a line) in $BENCH_NOTE_TASKS.
-- done() prints "notes REQUESTS NON2XX SOCKET_ERRORS P50_MS P99_MS MAX_MS".

local tasks = {}
local counter = 0
local prefix = ""

function setup(thread)
  thread:set("thread_id", tostring(math.random(1, 1000000)))
end

function init(args)
  for line in io.lines(os.getenv("BENCH_NOTE_TASKS")) do
    local id, client = line:match("^([^\t]+)\t([^\t]+)$")
    if id then
      tasks[#tasks + 1] = { id = id, client = client }
    end
  end
  prefix = "bench note " .. tostring(thread_id or math.random(1, 1000000))
end

function request()
  counter = counter + 1
  local task = tasks[(counter % #tasks) + 1]
  local body = string.format(
    '{"task_id": "%s", "client": "%s", "task_title": "bench", "priority": "P2", '
      .. '"due_date": null, "note_text": "%s %d"}',
    task.id, task.client, prefix, counter)
  return wrk.format("POST", "/save-note", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("notes %d %d %d %.2f %.2f %.2f\n", summary.requests, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
