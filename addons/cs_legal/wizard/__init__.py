from . import legal_fee_calculator
from . import legal_fee_calculator_line
