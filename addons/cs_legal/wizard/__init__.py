from . import legal_fee_calculator
