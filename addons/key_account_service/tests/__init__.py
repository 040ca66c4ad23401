from . import test_organisation
from . import test_tour
