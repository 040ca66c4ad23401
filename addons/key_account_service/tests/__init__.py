from . import test_bands_and_metrics
from . import test_handover
from . import test_key_account_security
from . import test_organisation
from . import test_revenue
from . import test_tour
from . import test_visit_planning
from . import test_warnings
