import csv
import io
import logging
from collections import defaultdict
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.key_account_service.tools.folder_files import apply_folder_file

from ..tools import call_records
from .courier_call_queue import TICKET_TYPES

_logger = logging.getLogger(__name__)

FOLDER_PARAMETER = "courier_claims.call_folder"
# rows parsed, resolved and staged at a time: memory holds one batch
IMPORT_BATCH = 5000
# lines with their reasons shown when a file is refused
MAX_ERRORS = 50
# what the switch says of a call; the rest (what it was about, the complaint
# opened from it) is the agent's
SWITCH_FIELDS = (
    "queue_id",
    "agent_id",
    "caller",
    "called",
    "start",
    "answer",
    "end",
    "disposition",
    "wait_seconds",
    "talk_seconds",
    "wrap_seconds",
)
# what an agent records on their own call
AGENT_FIELDS = frozenset({"ticket_type", "insured", "complaint_id", "partner_id"})

# The outcome of a call as the switch records it (Asterisk's disposition).
DISPOSITIONS = [
    ("answered", "Answered"),
    ("no_answer", "No Answer"),
    ("busy", "Busy"),
    ("failed", "Failed"),
    ("congestion", "Congestion"),
]


class CourierCall(models.Model):
    """One call of the branch's telephone switch (CL-9, CM-5).

    The switch owns the calls; its call records are imported here, once per
    call (the switch's unique id), with the agent who took it, the queue it
    waited in, the caller and the times. The caller's number finds the
    customer; the agent records what the call was about and the query or
    complaint it opened.
    """

    _name = "courier.call"
    _description = "Call Record"
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Call ID",
        required=True,
        help="The switch's unique id of the call (Asterisk's uniqueid).",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    queue_id = fields.Many2one("courier.call.queue", index=True, check_company=True)
    agent_id = fields.Many2one("res.users", index=True)
    caller = fields.Char(string="Caller Number", index=True)
    called = fields.Char(string="Number Called")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        check_company=True,
        help="Found by the caller's number.",
    )
    start = fields.Datetime(required=True, index=True)
    answer = fields.Datetime(string="Answered At")
    end = fields.Datetime()
    disposition = fields.Selection(DISPOSITIONS, required=True, default="answered")
    wait_seconds = fields.Integer(
        string="Wait (s)",
        compute="_compute_seconds",
        store=True,
        aggregator="sum",
        help="From the call's start to its answer, or to its end when nobody answered.",
    )
    talk_seconds = fields.Integer(
        string="Talk (s)",
        compute="_compute_seconds",
        store=True,
        aggregator="sum",
        help="From the answer to the end of the call.",
    )
    wrap_seconds = fields.Integer(
        string="Wrap-up (s)",
        aggregator="sum",
        help="The agent's after-call work, when the switch records it "
        "(Asterisk's call records do not).",
    )
    ticket_type = fields.Selection(
        TICKET_TYPES,
        string="Call About",
        compute="_compute_ticket_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    insured = fields.Boolean(
        help="An accepted order whose waybill was insured (the agent's daily "
        "insurance register).",
    )
    complaint_id = fields.Many2one(
        "courier.complaint",
        string="Query or Complaint",
        index="btree_not_null",
        check_company=True,
    )

    _sql_constraints = [
        (
            "company_name_uniq",
            "UNIQUE(company_id, name)",
            "A branch's switch records each call once.",
        ),
        (
            "times",
            (
                "CHECK((answer IS NULL OR answer >= start) AND "
                '("end" IS NULL OR "end" >= COALESCE(answer, start)))'
            ),
            "A call is answered after it starts and ends after its answer.",
        ),
    ]

    @api.depends("start", "answer", "end")
    def _compute_seconds(self):
        for call in self:
            call.wait_seconds, call.talk_seconds = call_records.call_seconds(
                call.start, call.answer, call.end
            )

    @api.depends("queue_id", "complaint_id.kind")
    def _compute_ticket_type(self):
        for call in self:
            if call.complaint_id:
                call.ticket_type = call.complaint_id.kind
            elif not call.ticket_type:
                call.ticket_type = call.queue_id.ticket_type or "other"

    # ------------------------------------------------------------
    # THE AGENT'S PART
    # ------------------------------------------------------------

    def write(self, vals):
        """What the switch recorded is the switch's: below the CS manager, an
        agent records only what the call was about and what it opened."""
        if (
            not self.env.su
            and set(vals) - AGENT_FIELDS
            and not self.env.user.has_group(
                "courier_claims.courier_claims_group_manager"
            )
        ):
            raise AccessError(
                self.env._("Only the switch's import changes a call's record.")
            )
        return super().write(vals)

    def action_open_complaint(self):
        """The query or complaint of this call: the one opened from it, or a
        new one for the caller's customer, by phone, linked on save."""
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "courier.complaint",
            "view_mode": "form",
            "target": "current",
        }
        if self.complaint_id:
            return {**action, "res_id": self.complaint_id.id}
        self.env["courier.complaint"].check_access("create")
        when = fields.Datetime.context_timestamp(self, self.start)
        return {
            **action,
            "name": self.env._("Query or Complaint"),
            "context": {
                "default_company_id": self.company_id.id,
                "default_partner_id": self.partner_id.id,
                "default_channel": "phone",
                "default_kind": (
                    "complaint" if self.ticket_type == "complaint" else "query"
                ),
                "default_received": fields.Datetime.to_string(self.start),
                "default_description": self.env._(
                    "Call from %(caller)s on %(when)s.",
                    caller=self.caller or self.env._("an unknown number"),
                    when=when.strftime("%Y-%m-%d %H:%M"),
                ),
                "default_call_ids": [fields.Command.link(self.id)],
            },
        }

    # ------------------------------------------------------------
    # THE SWITCH'S CALL RECORDS (upload wizard and folder)
    # ------------------------------------------------------------

    @api.model
    def courier_import_calls(self, content, company, mapping=None):
        """Apply a file of the switch's call records to ``company``'s calls.

        ``content`` is the file (bytes or a binary file object): Asterisk's
        ``Master.csv`` without ``mapping``, else a CSV read by the
        ``courier.call.mapping``. Times are the switch's local time, the
        branch's calendar's time zone. The file is read and staged in
        batches; every line is checked first, and any bad line refuses the
        whole file with each line and its reason. The switch's unique id
        identifies a call: a call sent again is updated if the switch changed
        it, else left alone, and what an agent recorded on it stays. Returns
        the counts of lines, calls created, updated and unchanged.
        """
        self.check_access("create")
        company.ensure_one()
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You may not import the calls of %(branch)s.", branch=company.name
                )
            )
        tz = ZoneInfo(company.resource_calendar_id.tz or self.env.user.tz or "UTC")
        if isinstance(content, bytes):
            content = io.BytesIO(content)
        text = io.TextIOWrapper(content, encoding="utf-8-sig", newline="")
        resolver = _Resolver(self, company)
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "CREATE TEMP TABLE IF NOT EXISTS courier_call_import ("
                "line int, name varchar, caller varchar, called varchar, "
                "agent_id int, queue_id int, partner_id int, start timestamp, "
                'answer timestamp, "end" timestamp, disposition varchar, '
                "wait_seconds int, talk_seconds int, wrap_seconds int"
                ") ON COMMIT DROP; TRUNCATE courier_call_import"
            )
        )
        time_format = (
            mapping.date_format if mapping else call_records.ASTERISK_TIME_FORMAT
        )
        errors, error_count, lines = [], 0, 0
        try:
            rows = mapping._rows(text) if mapping else _asterisk_rows(text)
            batch = []
            for line, values in rows:
                lines += 1
                try:
                    if isinstance(values, call_records.CallRowError):
                        raise values
                    row = call_records.build_row(values, tz, time_format)
                    batch.append((line, row, values.get("wrap")))
                except call_records.CallRowError as error:
                    error_count += 1
                    if len(errors) < MAX_ERRORS:
                        errors.append(self._import_error(line, error))
                if len(batch) >= IMPORT_BATCH:
                    error_count += self._stage_calls(batch, resolver, errors)
                    batch = []
            error_count += self._stage_calls(batch, resolver, errors)
        except (UnicodeDecodeError, csv.Error) as error:
            raise UserError(
                self.env._(
                    "The file was not applied: it is not a UTF-8 CSV file (%(error)s).",
                    error=str(error),
                )
            ) from error
        error_count += self._repeated_calls(errors)
        if error_count:
            reasons = [reason for _line, reason in sorted(errors)]
            if error_count > len(errors):
                reasons.append(
                    self.env._(
                        "… and %(count)s more lines.", count=error_count - len(errors)
                    )
                )
            raise UserError(
                self.env._(
                    "The file was not applied:\n%(errors)s", errors="\n".join(reasons)
                )
            )
        result = self._apply_staged_calls(company)
        result["lines"] = lines
        result["unchanged"] = lines - result["created"] - result["updated"]
        self.invalidate_model()
        return result

    @api.model
    def _import_error(self, line, error):
        """(line, ``Line n: reason.``) for a line's :class:`CallRowError`."""
        values = error.values
        reasons = {
            "uniqueid": lambda: self.env._("the call has no unique id"),
            "start": lambda: self.env._("the call has no start time"),
            "answer": lambda: self.env._("an answered call has no answer time"),
            "answer_order": lambda: self.env._("the answer comes before the start"),
            "end_order": lambda: self.env._(
                "the end comes before the answer or the start"
            ),
            "disposition": lambda: self.env._(
                "unknown disposition %(value)r", value=values.get("value")
            ),
            "time": lambda: self.env._(
                "%(field)s %(value)r is not a time (%(format)s)", **values
            ),
            "columns": lambda: self.env._(
                "%(count)s columns where %(expected)s are expected", **values
            ),
            "seconds": lambda: self.env._(
                "%(value)r is not a number of seconds", **values
            ),
            "negative": lambda: self.env._("%(value)r seconds is negative", **values),
            "column": lambda: self.env._("no column %(column)r", **values),
            "agent": lambda: self.env._(
                "no agent has the switch code %(code)r", **values
            ),
            "queue": lambda: self.env._(
                "no queue %(code)r in the branch's switch", **values
            ),
            "repeat": lambda: self.env._(
                "repeats the call id %(name)r of line %(first)s", **values
            ),
        }
        return line, self.env._(
            "Line %(line)s: %(reason)s.", line=line, reason=reasons[error.code]()
        )

    @api.model
    def _stage_calls(self, batch, resolver, errors):
        """Resolve a batch of parsed rows and copy the good ones to the
        staging table; returns the number of bad lines (reported in
        ``errors``)."""
        if not batch:
            return 0
        partners = resolver.partners()
        buffer, bad = io.StringIO(), 0
        out = csv.writer(buffer)
        for line, row, wrap in batch:
            try:
                agent = resolver.agent(row.agent_code)
                queue = resolver.queue(row.queue_code, row.queue_named)
                wrap_seconds = call_records._seconds(wrap) if wrap else 0
            except call_records.CallRowError as error:
                bad += 1
                if len(errors) < MAX_ERRORS:
                    errors.append(self._import_error(line, error))
                continue
            wait, talk = call_records.call_seconds(row.start, row.answer, row.end)
            out.writerow(
                (
                    line,
                    row.uniqueid,
                    row.caller,
                    row.called,
                    agent,
                    queue,
                    partners.get(call_records.phone_key(row.caller)),
                    row.start,
                    row.answer,
                    row.end,
                    row.disposition,
                    wait,
                    talk,
                    wrap_seconds,
                )
            )
        # staged even when some line was bad: repeated call ids are found
        # among all the good lines, and nothing is applied anyway
        buffer.seek(0)
        self.env.cr.copy_expert(
            "COPY courier_call_import FROM STDIN WITH (FORMAT csv)", buffer
        )
        return bad

    @api.model
    def _repeated_calls(self, errors):
        """Lines repeating an earlier line's call id (reported in
        ``errors``); returns their number."""
        self.env.cr.execute(
            SQL(
                "SELECT line, name, first, count(*) OVER () FROM ("
                "SELECT line, name, min(line) OVER (PARTITION BY name) AS first "
                "FROM courier_call_import) t WHERE line <> first "
                "ORDER BY line LIMIT %s",
                MAX_ERRORS,
            )
        )
        rows = self.env.cr.fetchall()
        for line, name, first, _count in rows:
            if len(errors) < MAX_ERRORS:
                errors.append(
                    self._import_error(
                        line,
                        call_records.CallRowError("repeat", name=name, first=first),
                    )
                )
        return rows[0][3] if rows else 0

    @api.model
    def _apply_staged_calls(self, company):
        """Insert the staged calls, update those the switch changed, in one
        statement; what the computed fields would store is computed here as
        they do (wait and talk when staged, what the call is about from its
        queue)."""
        switch = SQL(", ").join(SQL.identifier(name) for name in SWITCH_FIELDS)
        excluded = SQL(", ").join(
            SQL("EXCLUDED.%s", SQL.identifier(name)) for name in SWITCH_FIELDS
        )
        current = SQL(", ").join(
            SQL("courier_call.%s", SQL.identifier(name)) for name in SWITCH_FIELDS
        )
        self.env.cr.execute(
            SQL(
                """
                WITH applied AS (
                    INSERT INTO courier_call (
                        name, company_id, partner_id, ticket_type, insured,
                        %(switch)s, create_uid, create_date, write_uid, write_date)
                    SELECT t.name, %(company)s, t.partner_id,
                           COALESCE(q.ticket_type, 'other'), false,
                           t.queue_id, t.agent_id, t.caller, t.called, t.start,
                           t.answer, t."end", t.disposition, t.wait_seconds,
                           t.talk_seconds, t.wrap_seconds,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM courier_call_import t
                      LEFT JOIN courier_call_queue q ON q.id = t.queue_id
                    ON CONFLICT (company_id, name) DO UPDATE
                       SET (%(switch)s) = ROW(%(excluded)s),
                           partner_id = COALESCE(courier_call.partner_id,
                                                 EXCLUDED.partner_id),
                           write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                     WHERE ROW(%(current)s) IS DISTINCT FROM ROW(%(excluded)s)
                    RETURNING xmax = 0 AS created)
                SELECT count(*) FILTER (WHERE created),
                       count(*) FILTER (WHERE NOT created)
                  FROM applied
                """,
                switch=switch,
                excluded=excluded,
                current=current,
                company=company.id,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        created, updated = self.env.cr.fetchone()
        return {"created": created, "updated": updated}

    @api.model
    def _cron_pull_folder(self):
        """Apply each Asterisk file of the configured folder's branch
        subfolders (named by the branch's id) as one batch.

        A file applied moves to ``done/`` once the job's transaction is
        committed (interrupted before, it stays and is applied again, which
        changes nothing); a refused file moves to ``failed/`` with its
        errors beside it, nothing of it applied.
        """
        folder = self.env["ir.config_parameter"].sudo().get_param(FOLDER_PARAMETER)
        if not folder:
            return
        branches = [p for p in Path(folder).iterdir() if p.name.isdigit()]
        for path in sorted(branches):
            company = self.env["res.company"].browse(int(path.name)).exists()
            if not company:
                continue
            for file in sorted(path.glob("*.csv")):
                applied, outcome = apply_folder_file(
                    self.env.cr,
                    file,
                    partial(self._import_file, company=company),
                    UserError,
                )
                if applied:
                    _logger.info("Call file %s applied: %s", file.name, outcome)
                else:
                    _logger.info("Call file %s refused: %s", file.name, outcome)

    @api.model
    def _import_file(self, file, company):
        """Apply a file of the folder (a path) to ``company``'s calls."""
        with file.open("rb") as content:
            return self.courier_import_calls(content, company)


class _Resolver:
    """The agents, queues and customers a file's codes and numbers name,
    each read once for the file in one query, never per line."""

    def __init__(self, calls, company):
        self.env = calls.env
        self.company = company
        users = self.env["res.users"].sudo().with_context(active_test=False)
        self.agents = {
            user.courier_agent_code: user.id
            for user in users.search([("courier_agent_code", "!=", False)])
        }
        queues = self.env["courier.call.queue"].sudo().with_context(active_test=False)
        self.queues = {
            queue.code: queue.id
            for queue in queues.search([("company_id", "=", company.id)])
        }
        self._phones = None

    def agent(self, code):
        if not code:
            return None
        if code not in self.agents:
            raise call_records.CallRowError("agent", code=code)
        return self.agents[code]

    def queue(self, code, named):
        """The queue of the code; a dial context that is no queue is none,
        but a queue the line ``named`` must be known."""
        if code and named and code not in self.queues:
            raise call_records.CallRowError("queue", code=code)
        return self.queues.get(code) if code else None

    def partners(self):
        """{phone key: customer}, from every phone and mobile of the branch's
        contacts, read once for the file; a number of several customers is
        none."""
        if self._phones is None:
            self.env["res.partner"].flush_model(["phone", "mobile", "company_id"])
            self.env.cr.execute(
                SQL(
                    "SELECT p.phone, p.mobile, COALESCE(p.commercial_partner_id, p.id) "
                    "FROM res_partner p WHERE p.active "
                    "AND (p.company_id IS NULL OR p.company_id = %s) "
                    "AND (p.phone IS NOT NULL OR p.mobile IS NOT NULL)",
                    self.company.id,
                )
            )
            found = defaultdict(set)
            for phone, mobile, partner in self.env.cr.fetchall():
                for number in (phone, mobile):
                    key = call_records.phone_key(number)
                    if key:
                        found[key].add(partner)
            self._phones = {
                key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1
            }
        return self._phones


def _asterisk_rows(text):
    """(line, values) of a Master.csv file, or (line, CallRowError)."""
    reader = csv.reader(text)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        try:
            yield reader.line_num, call_records.asterisk_values(row)
        except call_records.CallRowError as error:
            yield reader.line_num, error
