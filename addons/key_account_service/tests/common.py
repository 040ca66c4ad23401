import csv
import hashlib
import hmac
import io
import json
import time

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class KeyAccountServiceCommon(TransactionCase):
    """Own companies and users; never relies on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        Company = cls.env["res.company"]
        cls.hq = Company.create({"name": "Test HQ", "key_account_branch_level": "hq"})
        cls.branch = Company.create(
            {
                "name": "Test Branch Hangzhou",
                "parent_id": cls.hq.id,
                "key_account_branch_level": "level_1_2",
            }
        )
        cls.other_hq = Company.create({"name": "Other Courier Group"})
        cls.region = cls.env["key.account.region"].create(
            {"name": "Test East", "company_id": cls.hq.id}
        )
        cls.account_manager = cls._new_user("ka_user", "user", cls.branch)
        cls.cs_manager = cls._new_user("ka_manager", "manager", cls.hq)
        cls.finance = cls._new_user("ka_finance", "finance", cls.hq)

    @classmethod
    def _new_user(cls, login, role, company, companies=None):
        """A user of key_account_service_group_<role>, working in ``company``."""
        companies = companies or (cls.hq | cls.branch)
        return new_test_user(
            cls.env,
            login=login,
            groups=f"key_account_service.key_account_service_group_{role},base.group_allow_export",
            company_id=company.id,
            company_ids=[Command.set(companies.ids)],
        )

    @classmethod
    def _key_account(
        cls,
        name,
        monthly_net,
        months=("2026-01-01", "2026-02-01", "2026-03-01"),
        company=None,
        manager=None,
        start="2026-01-01",
    ):
        """A key account of ``company`` whose revenue rows give ``monthly_net``."""
        company = company or cls.branch
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": company.id,
                "key_account_manager_id": (manager or cls.account_manager).id,
                "key_account_start_date": start,
            }
        )
        cls.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "month": month,
                    "invoiced": monthly_net,
                    "net": monthly_net,
                }
                for month in months
            ]
        )
        return partner

    @classmethod
    def _band(cls, band_set, index):
        return cls.env.ref(f"key_account_service.key_account_band_{band_set}_{index}")

    @classmethod
    def _copy_manual_bands(cls, company):
        copy_manual_policy(cls.env, company, rates=False)


def copy_manual_policy(env, company, rates=True):
    """Give ``company`` the bands, matrix and rates shipped for the main company."""
    env = env(su=True)  # the shipped rows belong to a company tests may not see
    main = env.ref("base.main_company")
    copies = {}
    for band in env["key.account.band"].search([("company_id", "=", main.id)]):
        copies[band] = band.copy({"company_id": company.id})
        for rule in band.contact_rule_ids:
            rule.copy({"band_id": copies[band].id})
    if rates:
        for row in env["key.account.commission.rate"].search(
            [("company_id", "=", main.id)]
        ):
            band = copies.get(row.band_id)
            row.copy({"company_id": company.id, "band_id": band and band.id})


def view_grouping(model, view):
    """A graph or pivot ``view``'s grouping and its measures with their
    field's aggregate, as the web client reads them."""
    groupby, measures = [], []
    for node in etree.fromstring(view.arch).iter("field"):
        name = node.get("name")
        if node.get("type") == "measure":
            measures.append(f"{name}:{model._fields[name].aggregator}")
        else:
            interval = node.get("interval")
            groupby.append(f"{name}:{interval}" if interval else name)
    return groupby, measures


def graph_figures(env, action, domain=()):
    """{group key: measures} of ``action``'s graph view, read as the web client
    reads a graph (the dashboards' panels are such graphs): its grouping, its
    measures with their field's aggregate, one eager ``read_group``."""
    view = action.view_ids.filtered(lambda v: v.view_mode == "graph").view_id
    groupby, measures = view_grouping(env[action.res_model], view)
    groups = env[action.res_model].read_group(
        list(domain), measures, groupby, lazy=False
    )
    return {
        tuple(group[key] for key in groupby): {
            m.split(":")[0]: group[m.split(":")[0]] for m in measures
        }
        for group in groups
    }


def board_panel_domain(env, board_view, action, today):
    """The domain a dashboard board gives ``action``'s panel, evaluated on ``today``."""
    arch = etree.fromstring(board_view.arch)
    node = arch.xpath(f"//action[@name='{action.id}']")[0]
    return safe_eval(
        node.get("domain") or "[]",
        {"context_today": lambda: today, "relativedelta": relativedelta},
    )


class ReportRenderMixin:
    """Renders a QWeb report as HTML in English or Chinese (no PDF engine needed)."""

    @classmethod
    def _load_chinese(cls, modules):
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            modules, ["zh_CN"], overwrite=True
        )

    def _render(self, report_xmlid, records, lang="en_US"):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_context(lang=lang)
            ._render_qweb_html(report_xmlid, records.ids)
        )
        return html.decode()


class ConfidentialPathsCase(HttpCase):
    """Helpers to call the server as the web client does (JSON-RPC, forms)."""

    def _call_kw(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def _refused_rpc(self, model, method, args, **kwargs):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call_kw(model, method, args, **kwargs)
        return caught.exception

    def _csrf_token(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        max_ts = int(time.time() + 3600)
        message = f"{self.session.sid}{max_ts}".encode()
        digest = hmac.new(secret.encode("ascii"), message, hashlib.sha1).hexdigest()
        return f"{digest}o{max_ts}"

    def _zip(self, attachment):
        with mute_logger("odoo.http"):
            return self.url_open(
                "/mail/attachment/zip",
                data={
                    "file_ids": str(attachment.id),
                    "zip_name": "files.zip",
                    "csrf_token": self._csrf_token(),
                },
            )

    def _export_csv(self, records, fields):
        """The rows of the web client's CSV export of ``records``."""
        response = self.url_open(
            "/web/export/csv",
            data={
                "data": json.dumps(
                    {
                        "model": records._name,
                        "fields": [{"name": f, "label": f} for f in fields],
                        "ids": records.ids,
                        "domain": [],
                        "import_compat": False,
                    }
                ),
                "csrf_token": self._csrf_token(),
            },
        )
        self.assertEqual(response.status_code, 200)
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def _logs(self, archive):
        return self.env["key.account.access.log"].search(
            [("res_model", "=", archive._name), ("res_id", "=", archive.id)],
            order="id",
        )
