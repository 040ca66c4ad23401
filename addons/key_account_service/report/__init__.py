from . import key_account_commission_collection
from . import key_account_portfolio
