from . import key_account_commission_collection
from . import key_account_portfolio
from . import key_account_satisfaction
