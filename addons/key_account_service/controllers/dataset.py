from odoo import http
from odoo.http import request

from odoo.addons.web.controllers import dataset

from ..models.access_logged_mixin import MIXIN

# The read methods that log when they reach an archive's content.
LOGGED_READS = {"read", "search_read", "web_read", "web_search_read"}


def _reaches(registry, model_name, specification, logged):
    """Whether a web_read ``specification`` opens a confidential archive."""
    if model_name in logged:
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


class DataSet(dataset.DataSet):
    def _call_kw_logged_readonly(self):
        """Read-only unless the call reads an archive: its log row is a write.

        Odoo serves ``@api.readonly`` methods on a read-only cursor; a logged
        read would fail there and be retried, leaving an error in the log.
        """
        if not dataset.DataSet._call_kw_readonly(self):
            return False
        params = request.get_json_data()["params"]
        if params["method"] not in LOGGED_READS:
            return True
        kwargs = params.get("kwargs") or {}
        registry = request.registry
        logged = {
            name
            for name in registry.descendants([MIXIN], "_inherit")
            if not registry[name]._abstract
        }
        return not _reaches(
            registry, params["model"], kwargs.get("specification") or {}, logged
        )

    @http.route(
        ["/web/dataset/call_kw", "/web/dataset/call_kw/<path:path>"],
        type="json",
        auth="user",
        readonly=_call_kw_logged_readonly,
    )
    def call_kw(self, model, method, args, kwargs, path=None):
        return super().call_kw(model, method, args, kwargs, path=path)
