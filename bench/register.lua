-- wrk script: each request registers a new contact with a fresh client-chosen id.
local counter = 0
local thread_tag = tostring(math.random(100000, 999999))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic YmFja29mZmljZTpiYWNrb2ZmaWNlLWRldg=="  -- backoffice:backoffice-dev

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function setup(thread)
  thread:set("seed", math.random(1, 1e9))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"customerId":"%s","firstName":"Bench","lastName":"Client %d","email":"bench%s.%d@example.com","origin":{"source":"bench"}}',
    uuid(), counter, thread_tag, counter)
  return wrk.format(nil, "/api/customers", nil, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    print("unexpected status " .. status .. ": " .. body)
  end
end
