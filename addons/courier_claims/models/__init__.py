from . import courier_complaint_category
from . import courier_deadline
from . import courier_incident
from . import courier_incident_key_account
from . import courier_incident_parts
from . import courier_incident_payout
from . import courier_rules
from . import res_company
