.PHONY: handbook test bench fuzz lint clean
handbook:
	./dev handbook
test:
	./dev test
bench:
	./dev bench
# Fuzzing with a time budget (FUZZ_SECONDS, default 600): many more Hypothesis examples.
FUZZ_SECONDS ?= 600
fuzz:
	./dev test --co -q tests/test_fuzz.py > /dev/null
	ROUTINES_FUZZ_PROFILE=fuzz timeout $(FUZZ_SECONDS) .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py
lint:
	.venv/bin/ruff check generator tests bench && .venv/bin/mypy
clean:
	rm -rf .venv _site .pytest_cache
