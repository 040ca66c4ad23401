"""Screenshot each app's landing dashboard from a running demo server.

    python scripts/screenshots.py http://localhost:8069 courier_cs docs/screenshots

Logs in as admin/admin, opens the three dashboards in a headless Chromium
(in English, then in Simplified Chinese) and writes one PNG per app and
language. Needs the server's Python environment (requests, websocket-client).
"""

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

DASHBOARDS = {
    "key_accounts": "key_account_service.key_account_dashboard_action",
    "claims": "courier_claims.courier_claims_dashboard_action",
    "legal": "cs_legal.cs_legal_dashboard_action",
}
LANGS = ("en_US", "zh_CN")


def login(url, db):
    session = requests.Session()
    reply = session.post(
        f"{url}/web/session/authenticate",
        json={"params": {"db": db, "login": "admin", "password": "admin"}},
        timeout=60,
    )
    reply.raise_for_status()
    return session


def call(session, url, model, method, *args):
    reply = session.post(
        f"{url}/web/dataset/call_kw",
        json={"params": {"model": model, "method": method, "args": args, "kwargs": {}}},
        timeout=600,
    ).json()
    if "error" in reply:
        raise RuntimeError(reply["error"]["data"]["message"])
    return reply["result"]


def set_language(session, url, lang):
    """Install ``lang`` if needed and make it admin's language."""
    langs = call(
        session,
        url,
        "res.lang",
        "search",
        [("code", "=", lang), ("active", "in", (True, False))],
    )
    wizard = call(
        session, url, "base.language.install", "create", {"lang_ids": [(6, 0, langs)]}
    )
    call(session, url, "base.language.install", "lang_install", [wizard])
    call(session, url, "res.users", "write", [2], {"lang": lang})


class Browser:
    """Just enough of the Chrome DevTools protocol to load a page and shoot it."""

    def __init__(self):
        self.profile = tempfile.mkdtemp()
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--remote-debugging-port=9333",
                "--window-size=1440,1800",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                pages = requests.get("http://127.0.0.1:9333/json", timeout=2).json()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        page = next(p for p in pages if p["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def shoot(self, url, cookies, path):
        self.send("Network.enable")
        for name, value in cookies.items():
            self.send("Network.setCookie", name=name, value=value, url=url)
        self.send("Page.navigate", url=url)
        self.wait_for(
            "document.querySelectorAll('.o-dashboard-action canvas, "
            ".o-dashboard-action .o_data_row').length >= 4"
        )
        time.sleep(2)  # the graphs animate in
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def wait_for(self, condition, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = self.send("Runtime.evaluate", expression=condition)
            if result.get("result", {}).get("value"):
                return
            time.sleep(0.5)
        print(f"still waiting for {condition!r}: shot as it is", file=sys.stderr)

    def close(self):
        self.socket.close()
        self.process.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def main(url, db, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    session = login(url, db)
    # Headquarters sees its branches' figures once they are ticked in the
    # company switcher: tick them all.
    companies = call(session, url, "res.company", "search", [])
    cookies = {
        "session_id": session.cookies["session_id"],
        "cids": "-".join(str(company) for company in sorted(companies)),
    }
    browser = Browser()
    try:
        for lang in LANGS:
            set_language(session, url, lang)
            for app, action in DASHBOARDS.items():
                path = folder / f"{app}_{lang}.png"
                browser.shoot(f"{url}/odoo/action-{action}", cookies, path)
                print(path)
    finally:
        set_language(session, url, "en_US")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
