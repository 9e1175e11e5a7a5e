# baocao — Markdown + CSV -> official Vietnamese report (PDF, Decree 30/2020/NĐ-CP)
# `make` builds build/baocao and its fonts; `make samples`, `make test`,
# `make asan`, `make test-fast`, `make bench`, `make install PREFIX=...`,
# `make format`, `make lint`.

VERSION := 0.1.0
PREFIX  ?= /usr/local
CC      ?= cc
PYTHON3 ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)

PKGS    := libcmark-gfm libutf8proc yaml-0.1 zlib libzip expat freexl libpng
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# libzip is loaded when the first .xlsx is read (zipapi.c), not linked:
# its libcrypto costs every start 3 M instructions of relocations.
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libzip,$(PKGS)))
# libhpdf, libcsv and the cmark-gfm extensions ship no .pc file.
LIBS    := -lhpdf -lcsv -lcmark-gfm-extensions $(PKG_LIBS) -lm -pthread

WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CFLAGS  ?= -O2
BASEFLAGS := -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	     -DBAOCAO_VERSION='"$(VERSION)"' $(PKG_CFLAGS)

SRC     := $(sort $(wildcard generator/*.c))
HDR     := $(wildcard generator/*.h)
OBJ      := $(patsubst generator/%.c,build/obj/%.o,$(SRC))
LIBOBJ   := $(filter-out build/obj/cli.o,$(OBJ))
ASAN_OBJ := $(patsubst generator/%.c,build/asan/obj/%.o,$(SRC))
ASANFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	     -fno-sanitize-recover=all

FACES   := Regular Bold Italic BoldItalic
DERIVED := $(patsubst %,build/fonts/BaocaoSerif-%.ttf,$(FACES))

# Messages in Vietnamese (i18n.h): po/vi.po -> build/locale/vi/LC_MESSAGES/
# baocao.mo, found beside the program as the fonts are. `make pot` extracts
# the messages again (after adding some) and merges them into po/vi.po.
MO := build/locale/vi/LC_MESSAGES/baocao.mo
XGETTEXT_KEYS := --keyword=_ --keyword=N_ --keyword=diag_error:2 --keyword=diag_warn:2 \
	--keyword=diag_error:4 --keyword=diag_warn:4 \
	--keyword=diag_fail:2 --keyword=diag_note:1 --keyword=usage_error:1 \
	--keyword=fail:4 --keyword=failx:4 --keyword=fail_at:4 --keyword=lex_error:3 --keyword=lint_add:6 \
	--keyword=diag_finding:4 --keyword=diag_note_at:2 --keyword=diag_note_at:4

SAMPLES := $(patsubst samples/%/bao-cao.md,%,$(wildcard samples/*/bao-cao.md))
SAMPLE_PDFS := $(patsubst %,build/samples/%.pdf,$(SAMPLES))

.PHONY: all samples test test-fast asan bench install uninstall format lint clean docs \
	unit pot

all: build/baocao $(DERIVED) $(MO)

build/baocao: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

build/obj/%.o: generator/%.c $(HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Smaller faces derived from fonts/ (tools/derive-fonts.py says why).
$(DERIVED) &: tools/derive-fonts.py $(wildcard fonts/LiberationSerif-*.ttf)
	@mkdir -p build/fonts
	$(PYTHON3) tools/derive-fonts.py fonts build/fonts
	cp fonts/LICENSE-OFL.txt build/fonts/

asan: build/asan/baocao

build/asan/baocao: $(ASAN_OBJ) $(DERIVED)
	@mkdir -p build/asan/fonts
	cp build/fonts/* build/asan/fonts/
	$(CC) $(ASANFLAGS) -o $@ $(ASAN_OBJ) $(LIBS)

build/asan/obj/%.o: generator/%.c $(HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(ASANFLAGS) -c -o $@ $<

samples: $(SAMPLE_PDFS)

# Each sample's data files come from the depfile its last build wrote
# (build --deps): touching one CSV rebuilds that sample only.
build/samples/%.pdf: samples/%/bao-cao.md build/baocao $(DERIVED)
	@mkdir -p $(@D)
	build/baocao build $< -o $@ --deps build/samples/$*.d

-include $(SAMPLE_PDFS:.pdf=.d)

$(MO): po/vi.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

pot:
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYS) --no-location \
		--sort-output --package-name=baocao --package-version=$(VERSION) \
		-o po/baocao.pot $(sort $(wildcard generator/*.c generator/*.h))
	sed -i '/^"POT-Creation-Date:/d' po/baocao.pot
	msgmerge --quiet --update --backup=none --no-location --sort-output \
		--no-fuzzy-matching po/vi.po po/baocao.pot
	sed -i '/^"POT-Creation-Date:/d' po/vi.po

# Unit tests: every tests/unit/*.c is linked against the library objects.
UNIT_SRC := $(wildcard tests/unit/*.c)
build/unit/%: tests/unit/%.c $(LIBOBJ) tests/unit/unit.h
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) -O1 -Igenerator -o $@ $< $(LIBOBJ) $(LIBS)

unit: $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_SRC))

# The whole suite, with the optimised build and again with ASan + UBSan.
test: all unit samples build/asan/baocao
	@tests/run build/baocao build/asan/baocao

test-fast: all unit samples
	@tests/run build/baocao

bench: all
	@bench/run build/baocao
	@bench/count build/baocao

# The README's pictures, from the real output: page 1 of every sample.
docs: samples
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile build/samples/phong-tho-2024.pdf \
		docs/phong-tho-2024-trang-1
	@mkdir -p docs/gallery
	for s in $(SAMPLES); do \
		pdftoppm -r 50 -png -f 1 -l 1 -singlefile build/samples/$$s.pdf docs/gallery/$$s; \
	done
	# a chart page and the two appendices (one landscape) of the parts sample
	pdftoppm -r 50 -png -f 2 -l 2 -singlefile build/samples/dau-tu-phong-tho-2024.pdf \
		docs/gallery/dau-tu-phong-tho-2024-bieu-do
	pdftoppm -r 50 -png -f 4 -l 4 -singlefile build/samples/dau-tu-phong-tho-2024.pdf \
		docs/gallery/dau-tu-phong-tho-2024-phu-luc-1
	pdftoppm -r 50 -png -f 5 -l 5 -singlefile build/samples/dau-tu-phong-tho-2024.pdf \
		docs/gallery/dau-tu-phong-tho-2024-phu-luc-2

# DESTDIR for packagers (debian/rules); the program finds everything under
# PREFIX/share from its own location.
SHARE := $(DESTDIR)$(PREFIX)/share
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/baocao/fonts $(SHARE)/baocao/templates \
		$(SHARE)/man/man1 $(SHARE)/bash-completion/completions \
		$(SHARE)/locale/vi/LC_MESSAGES $(SHARE)/doc/baocao
	install -m 755 build/baocao $(DESTDIR)$(PREFIX)/bin/baocao
	install -m 644 $(DERIVED) fonts/LICENSE-OFL.txt $(SHARE)/baocao/fonts/
	cp -r templates/. $(SHARE)/baocao/templates/
	chmod -R u+rwX,go+rX,go-w $(SHARE)/baocao/templates
	install -m 644 man/baocao.1 $(SHARE)/man/man1/baocao.1
	install -m 644 completion/baocao.bash $(SHARE)/bash-completion/completions/baocao
	install -m 644 $(MO) $(SHARE)/locale/vi/LC_MESSAGES/baocao.mo
	install -m 644 docs/template-guide.vi.md docs/template-guide.en.md $(SHARE)/doc/baocao/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/baocao $(SHARE)/man/man1/baocao.1 \
		$(SHARE)/bash-completion/completions/baocao \
		$(SHARE)/locale/vi/LC_MESSAGES/baocao.mo \
		$(SHARE)/doc/baocao/template-guide.vi.md $(SHARE)/doc/baocao/template-guide.en.md
	rm -rf $(SHARE)/baocao
	-rmdir $(SHARE)/doc/baocao 2>/dev/null

format:
	clang-format -i generator/*.c generator/*.h tests/unit/*.c tests/unit/*.h

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr --std=c11 -Igenerator generator/*.c

clean:
	rm -rf build

# ---- fuzzing (fuzz/README.md) -----------------------------------------
# libFuzzer targets with ASan + UBSan, built with clang into build/fuzz/.
# `make fuzz` runs each for FUZZ_SECONDS (FUZZ_TARGETS to pick some);
# `make fuzz-regress` replays tests/data/fuzz-regress/ through them.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_TARGETS ?= frontmatter csv template markdown pipeline xlsx font diag
# The expansion limit is lowered to 1 MB: inputs that expand to 32 MB
# took seconds each under the fuzzer's instrumentation.
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=all '-DMAX_EXPANDED_BYTES=(1u << 20)'
FUZZ_OBJ     := $(patsubst generator/%.c,build/fuzz/obj/%.o,$(filter-out generator/cli.c,$(SRC)))
FUZZ_BINS    := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))

# the objects stay after a build (they are not intermediate files)
.SECONDARY: $(FUZZ_OBJ)

.PHONY: fuzz fuzz-build fuzz-regress

fuzz-build: $(FUZZ_BINS) $(DERIVED)

build/fuzz/obj/%.o: generator/%.c $(HDR) Makefile
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASEFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASEFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Igenerator -o $@ $< \
		$(FUZZ_OBJ) $(LIBS)

fuzz: fuzz-build
	fuzz/run -t $(FUZZ_SECONDS) -j $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-regress: fuzz-build
	fuzz/run -r $(FUZZ_TARGETS)
