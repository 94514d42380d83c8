-- wrk script: each request records a new purchase (unique order reference) for one of the customers listed in
-- the file named by CUSTOMERS (one id per line).
local ids = {}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic YmFja29mZmljZTpiYWNrb2ZmaWNlLWRldg=="  -- backoffice:backoffice-dev

function setup(thread)
  thread:set("tag", tostring(math.random(1, 1e9)))
end

function init(args)
  for line in io.lines(os.getenv("CUSTOMERS")) do ids[#ids + 1] = line end
  math.randomseed(tonumber(tag))
end

request = function()
  counter = counter + 1
  local id = ids[math.random(1, #ids)]
  local body = string.format(
    '{"orderReference":"B-%s-%d","purchasedAt":"2026-06-01T10:00:00Z","amount":19.90,"currency":"EUR","channel":"WEB","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":19.90}]}',
    tag, counter)
  return wrk.format(nil, "/api/customers/" .. id .. "/purchases", nil, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    print("unexpected status " .. status .. ": " .. body)
  end
end
