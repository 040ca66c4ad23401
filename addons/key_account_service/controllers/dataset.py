import logging

import psycopg2

from odoo import http
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError
from odoo.http import request, serialize_exception
from odoo.service.model import get_public_method

from odoo.addons.web.controllers import dataset

from ..models.access_logged_mixin import access_logged_models

_logger = logging.getLogger(__name__)

# The read methods that log when they reach an archive's content.
LOGGED_READS = {"read", "search_read", "web_read", "web_search_read"}


def _reaches(registry, model_name, specification, logged):
    """Whether a web_read ``specification`` opens a confidential archive:
    reads its content (all of it when the specification is empty), where an
    archive's name beside a loan or a contact is no access."""
    if model_name in logged and (
        not specification
        or set(specification) & set(registry[model_name]._access_logged_fields)
    ):
        return True
    fields_ = registry[model_name]._fields if model_name in registry else {}
    for fname, spec in (specification or {}).items():
        field = fields_.get(fname)
        subspec = isinstance(spec, dict) and spec.get("fields")
        if (
            field
            and field.relational
            and subspec
            and _reaches(registry, field.comodel_name, subspec, logged)
        ):
            return True
    return False


def _logs_a_read(registry, call):
    """Whether a call_kw call reads an archive: its log row is a write."""
    if call["method"] not in LOGGED_READS:
        return False
    kwargs = call.get("kwargs") or {}
    logged = set(access_logged_models(registry))
    return _reaches(registry, call["model"], kwargs.get("specification") or {}, logged)


def _is_readonly_method(registry, model_name, method_name):
    """Odoo's rule for call_kw: the method is marked ``@api.readonly``."""
    if model_name not in registry or not isinstance(method_name, str):
        return False
    for cls in registry[model_name].mro():
        method = getattr(cls, method_name, None)
        if method is not None and hasattr(method, "_readonly"):
            return method._readonly
    return False


class DataSet(dataset.DataSet):
    def _call_kw_logged_readonly(self):
        """Read-only unless the call reads an archive: its log row is a write.

        Odoo serves ``@api.readonly`` methods on a read-only cursor; a logged
        read would fail there and be retried, leaving an error in the log.
        """
        if not dataset.DataSet._call_kw_readonly(self):
            return False
        params = request.get_json_data()["params"]
        return not _logs_a_read(request.registry, params)

    @http.route(
        ["/web/dataset/call_kw", "/web/dataset/call_kw/<path:path>"],
        type="json",
        auth="user",
        readonly=_call_kw_logged_readonly,
    )
    def call_kw(self, model, method, args, kwargs, path=None):
        return super().call_kw(model, method, args, kwargs, path=path)

    def _call_kw_batch_readonly(self):
        """Read-only (so served by a replica) when each of its calls would be."""
        calls = request.get_json_data()["params"].get("calls") or []
        registry = request.registry
        return all(
            isinstance(call, dict)
            and _is_readonly_method(registry, call.get("model"), call.get("method"))
            and not _logs_a_read(registry, call)
            for call in calls
        )

    @http.route(
        "/key_account_service/call_kw_batch",
        type="json",
        auth="user",
        readonly=_call_kw_batch_readonly,
    )
    def call_kw_batch(self, calls):
        """Several reading ``call_kw`` calls in one request, each answered on
        its own.

        A dashboard's panels load at once: as one request each they queue
        behind each other for the server's few workers. Each call is checked
        and run as ``/web/dataset/call_kw`` runs it, in a savepoint, so that a
        panel's error is that panel's alone. Only ``@api.readonly`` methods
        are taken: a write goes alone, through Odoo's own route.
        """
        return [self._call_kw_one(call) for call in calls]

    def _call_kw_one(self, call):
        try:
            with request.env.cr.savepoint():
                model = request.env[call["model"]]
                get_public_method(model, call["method"])
                if not _is_readonly_method(
                    request.registry, model._name, call["method"]
                ):
                    raise UserError(
                        request.env._(
                            "Only reading calls are sent together; %(method)s of "
                            "%(model)s changes data.",
                            method=call["method"],
                            model=model._name,
                        )
                    )
                result = call_kw(
                    model, call["method"], call["args"], call.get("kwargs") or {}
                )
                return {"result": result}
        except (psycopg2.errors.ReadOnlySqlTransaction, psycopg2.OperationalError):
            raise  # Odoo retries the request: read/write, or after a conflict
        except Exception as error:
            if isinstance(error, (UserError, AccessError)):
                _logger.warning(error)
            else:
                _logger.exception("Exception during a batched call.")
            return {
                "error": {
                    "code": 200,
                    "message": "Odoo Server Error",
                    "data": serialize_exception(error),
                }
            }
