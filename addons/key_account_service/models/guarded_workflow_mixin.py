from markupsafe import escape
from psycopg2 import errors

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Marks the writes of a move. It travels in the context, but as an object no
# JSON-RPC client can build: a client's context holds only JSON values.
_MOVING = object()

# Fields mail keeps writing on any record, locked or not.
MAIL_FIELDS = frozenset(
    {
        "message_main_attachment_id",
        "activity_ids",
        "message_follower_ids",
        "message_ids",
        "website_message_ids",
    }
)


class GuardedWorkflowMixin(models.AbstractModel):
    """A state machine no client call can get around.

    Configured by class attributes, the way OCA's ``tier.validation`` is:

    - ``_workflow_field``: the state field;
    - ``_workflow_transitions``: ``{(from, to): who}``, where ``who`` is a group
      xmlid, ``None`` for anyone who may write the record, or a role name that
      ``_workflow_allowed`` resolves (a statement's owner, say);
    - ``_workflow_fields``: what only the workflow's own methods write (the
      state, approvers, dates, amounts an approval was given for);
    - ``_workflow_fixed_fields``: set at creation, never changed afterwards
      (whose statement it is, for which month);
    - ``_workflow_locked_states`` and ``_workflow_free_fields``: in a locked
      state nothing changes but the free fields (and mail's own);
    - ``_workflow_four_eyes`` and ``_workflow_owner_fields``: the transitions
      that the users named by the owner fields (and the record's creator) may
      not make: nobody approves what they registered or own;
    - ``_workflow_other_transitions``: further state fields, each with its
      own table, ``{field: {(from, to): who}}`` (a contract's price-annex
      approval beside its state). ``_workflow_move(..., field=...)`` moves
      them with the same checks; their four-eyes entries are
      ``(field, from, to)``.

    What an action sets without a move (a stamp, figures a job computes) goes
    through ``_workflow_write``, which checks the right and locks the rows too.

    Outside ``_workflow_move``, ``create`` takes only the default of each
    workflow field (data files and jobs running as superuser excepted), and
    ``write`` refuses workflow and fixed fields even unchanged, and any field
    of a locked record, superuser included. Only a move, once it has checked
    everything, writes them; no context key or RPC argument opens the guard.
    """

    _name = "guarded.workflow.mixin"
    _description = "Guarded Workflow"

    _workflow_field = "state"
    _workflow_transitions = {}
    _workflow_fields = frozenset()
    _workflow_fixed_fields = frozenset()
    _workflow_locked_states = ()
    _workflow_free_fields = frozenset()
    _workflow_four_eyes = frozenset()
    _workflow_owner_fields = ()
    _workflow_other_transitions = {}

    def _workflow_guarded_fields(self):
        return (
            {self._workflow_field}
            | set(self._workflow_other_transitions)
            | set(self._workflow_fields)
        )

    def _workflow_table(self, field):
        if field == self._workflow_field:
            return self._workflow_transitions
        return self._workflow_other_transitions[field]

    # ---- the guard -----------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        records = self
        if not self.env.su:
            guarded = self._workflow_guarded_fields()
            # A client's default_<field> context key is no way in either
            # (with_context given a dict replaces the context).
            records = self.with_context(  # pylint: disable=context-overridden
                {
                    key: value
                    for key, value in self.env.context.items()
                    if not (
                        key.startswith("default_")
                        and key.removeprefix("default_") in guarded
                    )
                }
            )
            for vals in vals_list:
                forged = {
                    name
                    for name in guarded & set(vals)
                    if (vals[name] or False) != self._workflow_field_default(name)
                }
                if forged:
                    self._workflow_refuse_fields(forged)
                computed = self._workflow_computed_fields() & set(vals)
                if computed:
                    self._workflow_refuse_fields(computed)
        created = super(GuardedWorkflowMixin, records).create(vals_list)
        if not self.env.su:
            created._workflow_check_created_defaults()
        return created

    def _workflow_check_created_defaults(self):
        """A personal default (``ir.default``, which any user may set for
        himself) is no way in either: a new record starts where the field's
        own default says."""
        for name in self._workflow_guarded_fields():
            field = self._fields[name]
            if field.compute:
                continue
            default = self._workflow_field_default(name)
            forged = self.filtered(
                lambda record, name=name, default=default: (
                    (
                        (
                            record[name].id
                            if record._fields[name].relational
                            else record[name]
                        )
                        or False
                    )
                    != (default.id if hasattr(default, "_name") else default)
                )
            )
            if forged:
                self._workflow_refuse_fields({name})

    def _workflow_computed_fields(self):
        """Stored figures the model computes (amounts, flags an approval or a
        deadline depends on): nobody sets them by hand."""
        return {
            name
            for name, field in self._fields.items()
            if field.compute and field.readonly and field.store
        }

    def _workflow_field_default(self, name):
        field = self._fields[name]
        return (field.default(self) if field.default else False) or False

    def write(self, vals):
        if self.env.context.get("guarded_workflow_move") is not _MOVING:
            guarded = self._workflow_guarded_fields() | self._workflow_fixed_fields
            if guarded & set(vals):
                self._workflow_refuse_fields(guarded & set(vals))
            computed = set() if self.env.su else self._workflow_computed_fields()
            if computed & set(vals):
                self._workflow_refuse_fields(computed & set(vals))
            self._workflow_check_unlocked(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts the workflow again: it carries no state or approval."""
        default = dict(default or {})
        guarded = self._workflow_guarded_fields()
        if not self.env.su and guarded & set(default):
            self._workflow_refuse_fields(guarded & set(default))
        vals_list = super().copy_data(default)
        for vals in vals_list:
            for name in guarded:
                vals.pop(name, None)
        return vals_list

    def _workflow_refuse_fields(self, names):
        labels = sorted(
            self._fields[name]._description_string(self.env) for name in names
        )
        raise AccessError(
            self.env._(
                "%(fields)s of %(document)s change only through its buttons.",
                fields=", ".join(labels),
                document=self._description,
            )
        )

    def _workflow_check_unlocked(self, vals):
        """Refuse any change but the free fields on locked records."""
        changed = set(vals) - set(self._workflow_free_fields) - MAIL_FIELDS
        locked = self.filtered(
            lambda record: record[self._workflow_field] in self._workflow_locked_states
        )
        if changed and locked:
            locked._workflow_raise_locked()

    def _workflow_raise_locked(self):
        raise UserError(
            self.env._(
                "%(names)s is %(state)s and locked: nothing on it changes any more.",
                names=", ".join(self.mapped("display_name")),
                state=self._workflow_state_label(self[:1][self._workflow_field]),
            )
        )

    # ---- moving --------------------------------------------------------------

    def _workflow_move(self, new_state, values=None, reason=None, field=None):
        """Move each record to ``new_state``, writing ``values`` with it.

        Locks the rows first (two simultaneous moves: one succeeds, the other
        gets a clear error), then re-checks the transition, the user's right,
        the four-eyes rule, the record rules and the model's own preconditions
        (``_workflow_check``) on the current data, and posts one chatter line.
        ``field`` names one of ``_workflow_other_transitions`` to move instead
        of the state; ``_workflow_check`` then receives it as ``field=``.
        """
        field = field or self._workflow_field
        other = {} if field == self._workflow_field else {"field": field}
        self._workflow_lock()
        for record in self:
            old = record[field]
            record._workflow_check_transition(old, new_state, field)
            record._workflow_check(old, new_state, **other)
        self.check_access("write")
        moving = self.sudo().with_context(guarded_workflow_move=_MOVING)
        for record, writer in zip(self, moving, strict=True):
            old = record[field]
            writer.write({field: new_state, **(values or {})})
            record._workflow_post(old, new_state, reason, field)
        return True

    def _workflow_write(self, values, who=None, message=None):
        """Write workflow fields that an action sets without a move: a stamp
        (filed at headquarters) or the figures a job computes.

        The caller's preconditions are its own; this locks the rows, checks
        ``who`` (as a transition's) and the record rules, and posts
        ``message`` if given. A locked record is written too: the action is
        what may still change it.
        """
        self._workflow_lock()
        if who is not None and not self.env.su:
            refused = self.filtered(
                lambda record: not record._workflow_allowed(who, self.env.user)
            )
            if refused:
                raise AccessError(
                    self.env._(
                        "You may not change %(fields)s of %(names)s.",
                        fields=", ".join(
                            sorted(
                                self._fields[name]._description_string(self.env)
                                for name in values
                            )
                        ),
                        names=", ".join(refused.mapped("display_name")),
                    )
                )
        self.check_access("write")
        self.sudo().with_context(guarded_workflow_move=_MOVING).write(values)
        if message:
            for record in self:
                record._message_log(body=escape(message))
        return True

    def _workflow_lock(self):
        """SELECT ... FOR UPDATE NOWAIT, then read the rows as they are now."""
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                # A row someone else holds is an expected answer, no error
                # for the server log.
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "Someone else is changing %(names)s right now. Reload the "
                    "page and try again.",
                    names=", ".join(self.mapped("display_name")),
                )
            ) from None
        self.invalidate_recordset()

    def _workflow_check_transition(self, old, new, field=None):
        self.ensure_one()
        field = field or self._workflow_field
        table = self._workflow_table(field)
        if old == new:
            raise UserError(
                self.env._(
                    "%(name)s is already %(state)s.",
                    name=self.display_name,
                    state=self._workflow_state_label(new, field),
                )
            )
        if (old, new) not in table:
            raise UserError(
                self.env._(
                    "%(name)s cannot go from %(old)s to %(new)s.",
                    name=self.display_name,
                    old=self._workflow_state_label(old, field),
                    new=self._workflow_state_label(new, field),
                )
            )
        if self.env.su:
            return
        who = table[(old, new)]
        if who is not None and not self._workflow_allowed(who, self.env.user):
            raise AccessError(
                self.env._(
                    "You may not move %(name)s to %(state)s.",
                    name=self.display_name,
                    state=self._workflow_state_label(new, field),
                )
            )
        key = (old, new) if field == self._workflow_field else (field, old, new)
        if key in self._workflow_four_eyes:
            self._workflow_check_four_eyes()

    def _workflow_allowed(self, who, user):
        """Whether ``user`` may make a transition reserved to ``who``; models
        with roles of their own (owner, approver) extend it."""
        return user.has_group(who)

    def _workflow_check_four_eyes(self):
        """Nobody approves what they registered or own."""
        self.ensure_one()
        if self.env.su:
            return
        if self.env.user in self._workflow_owners():
            raise AccessError(
                self.env._(
                    "%(name)s was registered or is held by you: someone else "
                    "approves it.",
                    name=self.display_name,
                )
            )

    def _workflow_owners(self):
        """Who registered, holds or held the record: never its approver."""
        self.ensure_one()
        owners = self.create_uid
        for name in self._workflow_owner_fields:
            owners |= self[name]
        return owners | self._workflow_former_owners()

    def _workflow_former_owners(self):
        """Who held the record before (from the chatter's tracking): handing
        it to a colleague just before approving it is no way around."""
        names = [
            name
            for name in self._workflow_owner_fields
            if getattr(self._fields[name], "tracking", False)
        ]
        if not names:
            return self.env["res.users"]
        values = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", self._name),
                    ("mail_message_id.res_id", "=", self.id),
                    ("field_id.name", "in", names),
                ]
            )
        )
        return self.env["res.users"].browse(
            {value.old_value_integer for value in values if value.old_value_integer}
        )

    def _workflow_check(self, old, new):
        """The model's own preconditions of a move; raise to refuse it.

        Models with ``_workflow_other_transitions`` take a ``field`` keyword
        too: it names the other state field when that one moves."""

    def _workflow_post(self, old, new, reason=None, field=None):
        field = field or self._workflow_field
        body = self.env._(
            "%(old)s → %(new)s",
            old=self._workflow_state_label(old, field),
            new=self._workflow_state_label(new, field),
        )
        if field != self._workflow_field:
            body = self.env._(
                "%(field)s: %(move)s",
                field=self._fields[field]._description_string(self.env),
                move=body,
            )
        if reason:
            body = self.env._("%(move)s: %(reason)s", move=body, reason=reason)
        # A log line (escaped): it needs no sender address, so users without
        # an e-mail move records too.
        self._message_log(body=escape(body))

    def _workflow_state_label(self, state, field=None):
        field = self._fields[field or self._workflow_field]
        selection = field._description_selection(self.env)
        return dict(selection).get(state, state or "")
