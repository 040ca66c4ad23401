{
    "name": "Customer Service Legal",
    "summary": "Contracts and signing rates, confidential archives, legal cases "
    "and court fees for courier customer service",
    "version": "18.0.1.1.0",
    "category": "Services/Customer Service",
    "license": "LGPL-3",
    "author": "Courier CS Suite",
    "depends": ["courier_claims"],
    "data": [
        "security/cs_legal_groups.xml",
        "security/ir.model.access.csv",
        "security/cs_legal_security.xml",
        "data/legal_fee_schedule_data.xml",
        "data/legal_checklist_item_data.xml",
        "report/legal_reports.xml",
        "data/cs_legal_data.xml",
        "data/mail_template_data.xml",
        "views/legal_fee_schedule_views.xml",
        "views/legal_contract_views.xml",
        "views/legal_signing_report_views.xml",
        "views/legal_archive_views.xml",
        "views/legal_case_views.xml",
        "views/res_company_views.xml",
        "views/res_config_settings_views.xml",
        "views/cs_legal_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cs_legal/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
