{
    "name": "Key Account Service",
    "summary": "Key-account tiers, contact cadence, visits, warnings, grades "
    "and commissions for courier customer service",
    "version": "18.0.1.1.0",
    "category": "Services/Customer Service",
    "license": "LGPL-3",
    "author": "Courier CS Suite",
    "depends": ["account", "mail", "contacts", "resource"],
    "data": [
        "security/key_account_service_groups.xml",
        "security/ir.model.access.csv",
        "security/key_account_service_security.xml",
        "data/key_account_band_data.xml",
        "data/key_account_contact_type_data.xml",
        "data/key_account_contact_rule_data.xml",
        "data/ir_cron_data.xml",
        "views/key_account_region_views.xml",
        "views/res_company_views.xml",
        "views/key_account_band_views.xml",
        "views/key_account_contact_views.xml",
        "views/key_account_revenue_views.xml",
        "views/key_account_visit_views.xml",
        "views/res_partner_views.xml",
        "views/key_account_service_menus.xml",
    ],
    "demo": ["demo/key_account_service_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "key_account_service/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
