from . import test_fee_schedule
from . import test_tour
