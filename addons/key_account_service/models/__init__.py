from . import key_account_region
from . import res_company
