from . import key_account_commission_export
from . import key_account_commission_generate
from . import key_account_access_request
from . import key_account_compliance_summary
from . import key_account_my_day
from . import mail_compose_message
from . import key_account_satisfaction_summary
