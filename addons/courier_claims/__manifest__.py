{
    "name": "Courier Claims",
    "summary": "Service incidents, claims and payouts, insurance, queries and "
    "complaints for courier customer service",
    "version": "18.0.1.1.0",
    "category": "Services/Customer Service",
    "license": "LGPL-3",
    "author": "Courier CS Suite",
    "depends": ["key_account_service"],
    "data": [
        "security/courier_claims_groups.xml",
        "security/ir.model.access.csv",
        "security/courier_claims_security.xml",
        "data/courier_complaint_category_data.xml",
        "data/courier_claims_data.xml",
        "data/courier_deadline_data.xml",
        "data/mail_template_data.xml",
        "views/courier_complaint_category_views.xml",
        "views/courier_rules_views.xml",
        "report/courier_incident_voucher.xml",
        "views/courier_incident_views.xml",
        "views/courier_complaint_views.xml",
        "views/courier_insurance_views.xml",
        "views/courier_monthly_report_views.xml",
        "views/res_company_views.xml",
        "views/courier_claims_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "courier_claims/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
