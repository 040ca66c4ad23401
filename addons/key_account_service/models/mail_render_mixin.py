from odoo import api, models

from .access_logged_mixin import is_access_logged


class MailRenderMixin(models.AbstractModel):
    _inherit = "mail.render.mixin"

    @api.model
    def _render_template(
        self,
        template_src,
        model,
        res_ids,
        engine="inline_template",
        add_context=None,
        options=None,
    ):
        # A mail or composer body would carry an archive's content with no log
        # row: a template (inline or QWeb source) naming a confidential field
        # of an archive is refused. Views (``qweb_view``) are code, reviewed
        # like the rest of the addons; anything dynamic beyond a field name
        # needs the Mail Template Editor right, which core keeps to editors.
        if engine != "qweb_view" and is_access_logged(self.env, model):
            self.env[model]._check_template_source(template_src)
        return super()._render_template(
            template_src,
            model,
            res_ids,
            engine=engine,
            add_context=add_context,
            options=options,
        )
