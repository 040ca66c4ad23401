# The two commands of the README, and the install matrix.
.PHONY: test run check-install

test:  ## linters, static and pure-rule tests; the Odoo suite when ODOO_PATH is set
	scripts/test.sh

run:  ## serve the addons from $(ODOO_PATH) on the local PostgreSQL
	scripts/run.sh

check-install:  ## each addon alone and together, with and without demo, and uninstall
	scripts/check_install.sh
