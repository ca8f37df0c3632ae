# Podcast Companion: `make run` opens the app, `make test` runs the whole suite headless.
# Both set everything up first: .venv with the package and test extras, and the system parts
# (libvlc, VLC's base plugins, a CJK font) through the system package manager when missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSPKGS := libvlc5 vlc-plugin-base fonts-wqy-microhei dbus php-cli php-sqlite3 curl
# the links `make desktop` makes Podcast Companion the default for (OPML and audio: in Open With only)
LINK_SCHEMES := x-scheme-handler/podcast x-scheme-handler/itpc x-scheme-handler/pcast x-scheme-handler/feed

.PHONY: run test setup system venv translations built-translations lint format bench screenshot desktop clean

run: setup
	$(BIN)/python main.py $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

setup: system venv built-translations

# the .qm files and the command's catalogues, built from the committed .ts (when one changed)
built-translations: venv
	@$(BIN)/python scripts/translations.py build-if-stale

# after adding or changing texts: lupdate into the .ts, then build (translate what comes in unfinished)
translations: venv
	$(BIN)/python scripts/translations.py update
	@$(BIN)/python scripts/translations.py check || true

system:
	@sh scripts/system-deps.sh $(SYSPKGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

lint: venv
	$(BIN)/ruff check companion tests scripts main.py
	$(BIN)/ruff format --check companion tests scripts main.py

format: venv
	$(BIN)/ruff format companion tests scripts main.py
	$(BIN)/ruff check --fix companion tests scripts main.py

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks -s -q -o addopts= -o python_files="bench_*.py" --timeout=0

screenshot: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/screenshot.png en docs/screenshot-podcasts.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/screenshot-zh_CN.png zh_CN

desktop: setup
	mkdir -p $(HOME)/.local/share/applications $(HOME)/.local/share/icons/hicolor/scalable/apps
	sed 's|^Exec=companion|Exec=$(CURDIR)/$(BIN)/companion|' resources/podcast-companion.desktop \
		> $(HOME)/.local/share/applications/podcast-companion.desktop
	cp resources/icons/podcast-companion.svg $(HOME)/.local/share/icons/hicolor/scalable/apps/
	@if command -v update-desktop-database >/dev/null 2>&1; then \
		update-desktop-database $(HOME)/.local/share/applications || true; fi
	@if command -v xdg-mime >/dev/null 2>&1; then \
		xdg-mime default podcast-companion.desktop $(LINK_SCHEMES) || true; \
		echo "Podcast links ($(LINK_SCHEMES:x-scheme-handler/%=%://)) now open in Podcast Companion."; \
	else echo "xdg-mime is missing (package xdg-utils): podcast links are declared but not made default."; fi
	@echo "Podcast Companion is in your desktop's application menu (and in Open With for OPML and audio)."

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
