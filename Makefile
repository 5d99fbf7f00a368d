.PHONY: handbook test bench fuzz lint lock clean
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
	./dev lint
# After a change to the dependencies in pyproject.toml: review the change to uv.lock, commit both.
lock:
	./dev lock
clean:
	rm -rf .venv .tools _site .pytest_cache
