from . import courier_complaint_category
