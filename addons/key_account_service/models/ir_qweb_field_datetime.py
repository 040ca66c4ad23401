from odoo import api, models
from odoo.tools.misc import babel_locale_parse, posix_to_ldml


class IrQwebFieldDatetime(models.AbstractModel):
    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        # Odoo's hide_seconds only strips ":ss", so the Chinese time formats
        # (%H时%M分%S秒) keep their seconds on printed documents. The language's
        # short time format is its time without seconds.
        if (
            value
            and options.get("hide_seconds")
            and "format" not in options
            and not options.get("date_only")
        ):
            lang = self.user_lang()
            strftime_pattern = lang.short_time_format
            if not options.get("time_only"):
                strftime_pattern = f"{lang.date_format} {strftime_pattern}"
            options = dict(
                options,
                format=posix_to_ldml(
                    strftime_pattern, locale=babel_locale_parse(lang.code)
                ),
            )
        return super().value_to_html(value, options)
