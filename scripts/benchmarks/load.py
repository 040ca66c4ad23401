"""Load benchmark driver (not a test): N concurrent web-client sessions.

Each session logs in as a demo user and opens, again and again, the main
screens of its role by the JSON-RPC calls the web client makes for them (the
field specifications are built from the views the server returns, as the
client builds them). Odoo's own partner list and form are opened by every
session in the same run: the ratios against them are what count.

Each call carries ``?bench=<screen>.<open>.<n>`` in its URL, so the
server's werkzeug log lines (query count, SQL time, other time: Odoo's
PerfFilter) are matched back to the opening of the screen that made them:
the queries of a screen are those of all its calls.

Usage: python load.py URL DB LOGFILE [--users N] [--seconds S] [--per-panel]
(load.sh starts the server and passes these.)
"""

import argparse
import collections
import concurrent.futures
import itertools
import random
import re
import statistics
import sys
import threading
import time
import xml.etree.ElementTree as ET
from datetime import date

import requests
from dateutil.relativedelta import relativedelta

KEY_ACCOUNTS = ["key-account list", "key-account form", "dashboard", "visit calendar"]
# The demo users (password "demo") and the screens of their role.
ROLES = {
    "account manager": ("chen.jing", "demo", KEY_ACCOUNTS),
    "CS manager": ("sun.li", "demo", KEY_ACCOUNTS),
    "claims handler": ("xu.qing", "demo", ["claims dashboard"]),
    "legal officer": ("gao.yan", "demo", ["legal dashboard"]),
}
BOARDS = {
    "dashboard": "key_account_service.key_account_dashboard_action",
    "claims dashboard": "courier_claims.courier_claims_dashboard_action",
    "legal dashboard": "cs_legal.cs_legal_dashboard_action",
}
OURS = [*KEY_ACCOUNTS, "claims dashboard", "legal dashboard"]
ODOO = ["partner list", "partner form"]
X2MANY = ("one2many", "many2many")
BATCH_ROUTE = "/key_account_service/call_kw_batch"
_counter = itertools.count()
_lock = threading.Lock()


class Session:
    def __init__(self, url, db, login, password):
        self.url, self.http = url, requests.Session()
        # As behind the proxy of a multi-worker deployment (nginx speaks
        # HTTP/1.0 to Odoo): a kept-alive connection would hold a prefork
        # worker idle until its read timed out, which screens of several calls
        # at once (the dashboards) would pay for more than the others.
        self.http.headers["Connection"] = "close"
        result = self.rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
            "login",
        )
        self.uid = result["uid"]
        self.context = result["user_context"]

    def rpc(self, path, params, screen, opening=0):
        with _lock:
            n = next(_counter)
        sep = "&" if "?" in path else "?"
        response = self.http.post(
            f"{self.url}{path}{sep}bench={screen.replace(' ', '_')}.{opening}.{n}",
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": n},
            timeout=300,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RuntimeError(f"{path}: {body['error']['data']['message']}")
        if path == BATCH_ROUTE:  # each call answers on its own
            for answer in body["result"]:
                if "error" in answer:
                    raise RuntimeError(f"{path}: {answer['error']['data']['message']}")
        return body["result"]

    def call(self, model, method, args, kwargs=None, screen="setup", opening=0):
        if model.startswith("/"):  # a route of its own (the chatter's)
            return self.rpc(model, method, screen, opening)
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.context)
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            screen,
            opening,
        )

    def action(self, xmlid):
        return self.rpc("/web/action/load", {"action_id": xmlid}, "setup")

    def views(self, model, views):
        return self.call(model, "get_views", [], {"views": views, "options": {}})


def evaluate(expression, uid):
    """An action's or a filter's domain/context string, as the client evaluates
    the few names ours use."""
    if not isinstance(expression, str):
        return expression or []
    names = {
        "uid": uid,
        "context_today": date.today,
        "relativedelta": relativedelta,
        "True": True,
        "False": False,
    }
    return eval(expression, names)


def own_fields(node):
    """The field nodes of a view node, without those of x2many sub-views."""
    for child in node:
        if child.tag == "field":
            yield child
        else:
            yield from own_fields(child)


def form_spec(arch, fields, models):
    """The web_read specification of a view, as the client builds it:
    many2one with display_name, x2many with their list or kanban sub-view's
    fields."""
    root = ET.fromstring(arch) if isinstance(arch, str) else arch
    spec = {}
    for node in own_fields(root):
        name = node.get("name")
        if name in spec or name not in fields:
            continue
        field = fields[name]
        if field["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field["type"] in X2MANY:
            sub = next((c for c in node if c.tag in ("list", "kanban")), None)
            comodel = models.get(field["relation"], {}).get("fields", {})
            if sub is not None and comodel:
                spec[name] = {
                    "fields": form_spec(sub, comodel, models),
                    "limit": int(sub.get("limit", 40)),
                }
            else:
                spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    spec["display_name"] = {}
    return spec


class Screens:
    """The calls of each screen of a role for one user, prepared once per
    session."""

    def __init__(self, session, names, per_panel=False):
        s = session
        self.session = s
        self.per_panel = per_panel
        self.screens = {}
        self._partner_screens(s)
        if "key-account list" in names:
            self._key_account_screens(s)
        for name in names:
            if name in BOARDS:
                self.screens[name] = self._board(s, BOARDS[name])

    def _partner_screens(self, s):
        """Odoo's partner list (Contacts) and form, on a customer that is no
        key account: the reference of every role."""
        contacts = s.action("contacts.action_contacts")
        got = s.views(
            "res.partner",
            [[v or False, t] for v, t in contacts["views"] if t in ("list", "form")],
        )
        models, fields = got["models"], got["models"]["res.partner"]["fields"]
        self.partner_form = form_spec(got["views"]["form"]["arch"], fields, models)
        partner_list = form_spec(got["views"]["list"]["arch"], fields, models)
        self.screens["partner list"] = [
            [
                (
                    "res.partner",
                    "web_search_read",
                    [],
                    {
                        "domain": [],
                        "specification": partner_list,
                        "offset": 0,
                        "limit": 80,
                        "order": "",
                        "count_limit": 10001,
                    },
                )
            ]
        ]
        self.customers = s.call(
            "res.partner",
            "search",
            [[("is_key_account", "=", False), ("customer_rank", ">", 0)]],
            {"limit": 20},
        ) or s.call(
            "res.partner", "search", [[("is_key_account", "=", False)]], {"limit": 20}
        )

    def _key_account_screens(self, s):
        uid = s.uid
        # Key-account list and form: the action's list view, its form view.
        action = s.action("key_account_service.res_partner_action_key_account")
        views = [[v or False, t] for v, t in action["views"] if t in ("list", "form")]
        got = s.views("res.partner", views)
        models, fields = got["models"], got["models"]["res.partner"]["fields"]
        domain = evaluate(action["domain"], uid) + [("key_account_mine", "=", True)]
        ka_list = form_spec(got["views"]["list"]["arch"], fields, models)
        self.key_account_form = form_spec(got["views"]["form"]["arch"], fields, models)
        ids = s.call("res.partner", "search", [domain], {"limit": 80})
        if not ids:
            raise RuntimeError("the user has no key account to open")
        self.key_accounts = ids
        self.screens["key-account list"] = [
            [
                (
                    "res.partner",
                    "web_search_read",
                    [],
                    {
                        "domain": domain,
                        "specification": ka_list,
                        "offset": 0,
                        "limit": 80,
                        "order": "",
                        "count_limit": 10001,
                    },
                )
            ]
        ]
        # The visit calendar: this month of the user's own contacts.
        cal = s.views("key.account.visit", [[False, "calendar"]])
        cal_fields = [
            f.get("name")
            for f in ET.fromstring(cal["views"]["calendar"]["arch"]).iter("field")
        ]
        first = date.today().replace(day=1)
        self.screens["visit calendar"] = [
            [
                (
                    "key.account.visit",
                    "search_read",
                    [],
                    {
                        "domain": [
                            ("user_id", "=", uid),
                            ("date_planned", ">=", str(first - relativedelta(days=7))),
                            (
                                "date_planned",
                                "<=",
                                str(first + relativedelta(months=1, days=7)),
                            ),
                        ],
                        "fields": sorted({*cal_fields, "date_planned", "display_name"}),
                    },
                )
            ]
        ]

    def _board(self, s, xmlid):
        """A board's panels: the steps of their calls, as the client sends them."""
        action = s.action(xmlid)
        got = s.call(
            "board.board", "get_views", [], {"views": [[action["view_id"][0], "form"]]}
        )
        calls, then = [], []
        for node in ET.fromstring(got["views"]["form"]["arch"]).iter("action"):
            panel = s.rpc(
                "/web/action/load", {"action_id": int(node.get("name"))}, "setup"
            )
            model, mode = panel["res_model"], node.get("view_mode")
            domain = evaluate(node.get("domain"), s.uid)
            view_id = next((v for v, t in panel["views"] if t == mode), False)
            got = s.views(model, [[view_id, mode]])
            arch = ET.fromstring(got["views"][mode]["arch"])
            fields = got["models"][model]["fields"]
            if mode in ("graph", "pivot"):
                groupby, measures = [], ["__count"]
                for f in arch.iter("field"):
                    name = f.get("name")
                    if f.get("type") == "measure":
                        aggregator = fields[name].get("aggregator") or "sum"
                        measures.append(f"{name}:{aggregator}")
                    else:
                        interval = f.get("interval")
                        groupby.append(f"{name}:{interval}" if interval else name)
                if mode == "graph":
                    calls.append(
                        (
                            model,
                            "web_read_group",
                            [],
                            {
                                "domain": domain,
                                "fields": measures,
                                "groupby": groupby,
                                "lazy": False,
                            },
                        )
                    )
                else:  # the pivot's total row, then (once it has it) its rows
                    for step, rows in ((calls, []), (then, groupby)):
                        step.append(
                            (
                                model,
                                "read_group",
                                [],
                                {
                                    "domain": domain,
                                    "fields": measures,
                                    "groupby": rows,
                                    "lazy": False,
                                },
                            )
                        )
            else:
                calls.append(
                    (
                        model,
                        "web_search_read",
                        [],
                        {
                            "domain": domain,
                            "specification": form_spec(
                                got["views"][mode]["arch"], fields, got["models"]
                            ),
                            "offset": 0,
                            "limit": 80,
                            "order": "",
                            "count_limit": 10001,
                        },
                    )
                )
        if self.per_panel:  # as the client sent them before, one request each
            return [calls, then] if then else [calls]
        # The client's board sends the calls of a step as one request, a
        # lone call as it is.
        steps = []
        for step in (calls, then):
            if len(step) > 1:
                batch = [
                    {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": {**kwargs, "context": s.context},
                    }
                    for model, method, args, kwargs in step
                ]
                step = [(BATCH_ROUTE, {"calls": batch}, None, None)]
            if step:
                steps.append(step)
        return steps

    def _form(self, res_id, key_account=False):
        """A contact's form: its record and, at the same time, its chatter."""
        thread = {"thread_id": res_id, "thread_model": "res.partner"}
        return [
            (
                "res.partner",
                "web_read",
                [[res_id]],
                {
                    "specification": self.key_account_form
                    if key_account
                    else self.partner_form
                },
            ),
            (
                "/mail/thread/data",
                {
                    **thread,
                    "request_list": [
                        "activities",
                        "attachments",
                        "followers",
                        "scheduledMessages",
                        "suggestedRecipients",
                    ],
                },
                None,
                None,
            ),
            ("/mail/thread/messages", {**thread, "limit": 30}, None, None),
        ]

    def open(self, name, pool):
        """Open a screen; its seconds (its steps one after the other, the calls
        of a step at once)."""
        s = self.session
        if name in ("key-account form", "partner form"):
            if name == "key-account form":
                steps = [self._form(random.choice(self.key_accounts), True)]
            else:
                steps = [self._form(random.choice(self.customers))]
        else:
            steps = self.screens[name]
        with _lock:
            opening = next(_counter)
        start = time.perf_counter()
        for step in steps:
            futures = [
                pool.submit(s.call, model, method, args, kwargs, name, opening)
                for model, method, args, kwargs in step
            ]
            for future in futures:
                future.result()
        return time.perf_counter() - start


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


LOG_LINE = re.compile(
    r'bench=([a-z_-]+)\.(\d+)\.\d+ HTTP/[\d.]+" \d+ - (\d+) ([\d.]+) ([\d.]+)'
)


def server_costs(logfile):
    """{screen: [(queries, server seconds) of each opening, all its calls]}
    from the server's werkzeug log: the work a screen costs (SQL and Python
    time), without the time its calls wait for a free worker."""
    openings = collections.defaultdict(lambda: [0, 0.0])
    with open(logfile, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.search(line)
            if match and match.group(1) not in ("setup", "login"):
                screen = match.group(1).replace("_", " ")
                cost = openings[screen, match.group(2)]
                cost[0] += int(match.group(3))
                cost[1] += float(match.group(4)) + float(match.group(5))
    costs = collections.defaultdict(list)
    for (screen, _opening), (queries, seconds) in openings.items():
        costs[screen].append((queries, seconds))
    return costs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("db")
    parser.add_argument("logfile")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--per-panel",
        action="store_true",
        help="the boards' panels as one request each (the client before a606cd7)",
    )
    args = parser.parse_args()

    roles = list(ROLES.items())
    users = []
    for n in range(args.users):
        role, (login, password, names) = roles[n % len(roles)]
        session = Session(args.url, args.db, login, password)
        users.append((role, Screens(session, names + ODOO, args.per_panel)))
    times = collections.defaultdict(list)
    errors = []
    deadline = time.monotonic() + args.seconds
    start = threading.Barrier(len(users))

    def run(role, screens):
        # the calls of one screen at once, as a browser (6 connections)
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            start.wait()
            names = list(screens.screens) + ["partner form"]
            if "key-account list" in screens.screens:
                names.append("key-account form")
            while time.monotonic() < deadline:
                random.shuffle(names)
                for name in names:
                    try:
                        seconds = screens.open(name, pool)
                    except Exception as error:  # noqa: BLE001 (reported below)
                        errors.append(f"{role} {name}: {error}")
                        continue
                    with _lock:
                        times[name].append(seconds)
                        times[f"{name} ({role})"].append(seconds)

    threads = [threading.Thread(target=run, args=user) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(1)  # the last log lines
    costs = server_costs(args.logfile)
    reference = percentile(times["partner form"], 95) if times["partner form"] else None
    server_p95 = {
        name: percentile([seconds for _q, seconds in costs[name]], 95)
        for name in ODOO + OURS
        if costs.get(name)
    }
    server_reference = server_p95.get("partner form")
    print(f"{args.users} users ({', '.join(ROLES)}), {args.seconds:.0f} s")
    print(
        "p95: as the client waits (queueing for a worker included); server: the "
        "SQL and Python seconds of all the screen's calls"
    )
    print(
        f"{'screen':<34}{'opens':>6}{'p50 s':>8}{'p95 s':>8}"
        f"{'p95/partner form':>18}{'queries/open':>16}"
        f"{'server p95 s':>14}{'/partner form':>15}"
    )
    for name in ODOO + OURS:
        for key in [name] + [f"{name} ({role})" for role in ROLES]:
            if not times[key]:
                continue
            p95 = percentile(times[key], 95)
            q = (
                [queries for queries, _s in costs.get(name, [])]
                if key == name
                else None
            )
            qtext = f"{statistics.mean(q):.1f} ({min(q)}-{max(q)})" if q else ""
            ratio = f"{p95 / reference:.2f}" if reference else "-"
            server = ""
            if key == name and name in server_p95:
                server = f"{server_p95[name]:>14.3f}"
                if server_reference:
                    server += f"{server_p95[name] / server_reference:>15.2f}"
            print(
                f"{'  ' if key != name else ''}{key:<{34 if key == name else 32}}"
                f"{len(times[key]):>6}{percentile(times[key], 50):>8.3f}{p95:>8.3f}"
                f"{ratio:>18}{qtext:>16}{server}"
            )
    if errors:
        print(f"{len(errors)} errors, the first: {errors[0]}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
