from . import test_archive
from . import test_case
from . import test_contract
from . import test_fee_schedule
from . import test_reports
from . import test_settings
from . import test_signing_report
from . import test_tour
