.PHONY: handbook test bench lint clean
handbook:
	./dev handbook
test:
	./dev test
bench:
	./dev bench
lint:
	.venv/bin/ruff check generator tests bench && .venv/bin/mypy
clean:
	rm -rf .venv _site .pytest_cache
