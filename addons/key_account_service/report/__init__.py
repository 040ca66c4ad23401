from . import key_account_commission_collection
