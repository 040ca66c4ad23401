from . import test_complaint
from . import test_complaint_category
from . import test_deadlines
from . import test_incident
from . import test_insurance
from . import test_key_account_hooks
from . import test_payout
from . import test_tour
