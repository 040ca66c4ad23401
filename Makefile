# The two commands of the README, the install matrix and the upgrade check.
.PHONY: test run check-install check-upgrade

test:  ## linters, static and pure-rule tests; the Odoo suite when ODOO_PATH is set
	scripts/test.sh

run:  ## serve the addons from $(ODOO_PATH) on the local PostgreSQL
	scripts/run.sh

check-install:  ## each addon alone and together, with and without demo, and uninstall
	scripts/check_install.sh

check-upgrade:  ## update the previous version's demo database (REV=, default bb9731f) to this code
	scripts/check_upgrade.sh $(REV)
