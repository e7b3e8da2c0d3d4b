"""The registration POST under load (tests/benchmarks/run.py ``--register SLUG``): wrk sends the
確認 step of many different people, each a signed payload of its own (a form sent twice would
only find the first registration), with a CSRF cookie and token, through a Lua script.

    python -m tests.benchmarks.run --register sample-pitch-fukushima /events/sample-pitch-fukushima/
"""

import uuid
from pathlib import Path
from urllib.parse import urlencode

CSRF = "0123456789abcdef0123456789abcdef"  # any 32 characters are a valid unmasked token

LUA = r"""
local bodies = {}
local thread_index = 0
local threads = 1
local counter = 0

function setup(thread)
  thread:set("thread_index", thread_index)
  thread_index = thread_index + 1
end

function init(args)
  for line in io.lines(args[1]) do
    table.insert(bodies, line)
  end
  threads = tonumber(args[2])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken=" .. args[3]
end

function request()
  -- Each thread takes every n-th body, so no payload is sent twice.
  local index = (counter * threads + thread_index) % #bodies + 1
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[index])
end
"""


def write_bodies(slug, path, count):
    """Called in the server's environment (manage.py shell): ``count`` form bodies of the 確認
    step for the event ``slug``, one per line, each a different person."""
    from events.models import Event
    from registrations.views import _sign

    event = Event.objects.get(slug=slug)
    with open(path, "w", encoding="ascii") as out:
        for index in range(count):
            email = f"bench{index}@example.jp"
            draft = {
                "data": {
                    "name": f"負荷 試験{index}",
                    "reading": "ふか しけん",
                    "email": email,
                    "email_confirmation": email,
                    "privacy_consent": True,
                    **{f"question_{q.pk}": q.choice_list[0] for q in event.questions.all()},
                },
                "token": str(uuid.uuid4()),
            }
            body = {"payload": _sign(event, draft), "submit": "1", "csrfmiddlewaretoken": CSRF}
            out.write(urlencode(body) + "\n")


def prepare(workdir, run_manage, slug, count):
    """The bodies file and the Lua script in ``workdir``; returns the wrk arguments."""
    bodies = Path(workdir) / "registration-bodies.txt"
    script = Path(workdir) / "registration.lua"
    script.write_text(LUA)
    run_manage(
        "shell", "-c",
        f"from tests.benchmarks.registration import write_bodies; "
        f"write_bodies({slug!r}, {str(bodies)!r}, {count})",
    )  # fmt: skip
    return script, bodies
