from . import courier_incident_transition
from . import courier_incident_split_preset
from . import courier_incident_recovery_step
from . import courier_penalty_export
from . import courier_piece_rate_export
from . import courier_piece_rate_generate
from . import courier_call_import
