from . import legal_fee_schedule
from . import legal_fee_bracket
