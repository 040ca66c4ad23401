test:
	scripts/test.sh
