#include "help.h"

#include <string.h>

#include "i18n.h"

static const char general[] = N_(
    "Usage:\n"
    "  baocao build REPORT.md [-d DATA_DIR] [-o OUT.pdf] [--set KEY=VALUE]...\n"
    "                         [--data-locale vi|c] [--font-dir DIR] [--deps FILE]\n"
    "  baocao check REPORT.md [-d DATA_DIR]     everything but writing the PDF\n"
    "  baocao batch REPORT.md -d DATA_DIR --each TABLE -o 'out/{col}.pdf'\n"
    "  baocao data REPORT.md [-d DATA_DIR]      the tables and columns a report sees\n"
    "  baocao watch REPORT.md [build options]   rebuild on every save\n"
    "  baocao init [DIR] [--mau NAME | --list]  a ready report to start from\n"
    "  baocao --help | --version\n"
    "  baocao COMMAND --help                    the help of one command\n"
    "\n"
    "Turns a Markdown template with YAML front matter and CSV data into an\n"
    "official Vietnamese report (BÁO CÁO) laid out per Decree 30/2020/NĐ-CP.\n"
    "\n"
    "Options:\n"
    "  -d, --data DIR        CSV files and Excel workbooks (.xlsx, .xls)\n"
    "                        (default: data/ beside REPORT.md)\n"
    "  -o, --output FILE     output PDF (default: REPORT's name + .pdf here);\n"
    "                        in batch, {col} is replaced by the row's value\n"
    "  --set KEY=VALUE       override a front-matter value (repeatable)\n"
    "  --data-locale vi|c    numbers in CSV cells: 1.234,5 (vi, default) or 1234.5\n"
    "  --font-dir DIR        TrueType faces to use instead of Liberation Serif\n"
    "  --each TABLE          batch: one report per row of TABLE\n"
    "  --deps FILE           build: also write a Make depfile (the report, its\n"
    "                        data files, images and fonts) to FILE\n"
    "  --stats               print layout figures (pages, lines, spacing) to stderr\n"
    "  --greedy              break lines first-fit instead of by whole paragraphs\n"
    "                        (to compare the two line breakers)\n"
    "  --dump-layout FILE    write one record per laid-out line to FILE (tests)\n"
    "  --max-steps N         lower the evaluation budget to N steps (tests)\n"
    "  -h, --help            this help; -V, --version: the version\n"
    "\n"
    "Messages are in Vietnamese when LANG (or LANGUAGE, LC_ALL, LC_MESSAGES)\n"
    "names Vietnamese, e.g. LANG=vi_VN.UTF-8; in English otherwise.\n"
    "\n"
    "Exit status: 0 done, 1 the input is wrong, 2 wrong usage, 3 I/O failure.\n");

static const char build[] = N_(
    "Usage: baocao build REPORT.md [options]\n"
    "\n"
    "Builds the PDF of REPORT.md. Nothing is written when the build fails:\n"
    "a previous PDF stays as it was.\n"
    "\n"
    "Options:\n"
    "  -d, --data DIR        CSV tables (default: data/ beside REPORT.md)\n"
    "  -o, --output FILE     output PDF (default: REPORT's name + .pdf here)\n"
    "  --set KEY=VALUE       override a front-matter value (repeatable)\n"
    "  --data-locale vi|c    numbers in CSV cells: 1.234,5 (vi, default) or 1234.5\n"
    "  --font-dir DIR        TrueType faces to use instead of Liberation Serif\n"
    "  --deps FILE           also write a Make depfile: 'OUT.pdf: REPORT.md\n"
    "                        data/a.csv ... fonts', for make's -include\n"
    "  --stats               print layout figures to stderr\n"
    "  --greedy              break lines first-fit (to compare line breakers)\n"
    "  --dump-layout FILE    write one record per laid-out line to FILE (tests)\n"
    "  --max-steps N         lower the evaluation budget to N steps (tests)\n"
    "\n"
    "Exit status: 0 done, 1 the input is wrong, 2 wrong usage, 3 I/O failure.\n");

static const char check[] = N_(
    "Usage: baocao check REPORT.md [-d DATA_DIR] [options]\n"
    "\n"
    "Everything a build does but writing the PDF; also warns about the parts\n"
    "an official report needs that are missing (agency, number, date, summary,\n"
    "recipients, signature, the end mark './.').\n"
    "\n"
    "Options:\n"
    "  -d, --data DIR        CSV tables (default: data/ beside REPORT.md)\n"
    "  --set KEY=VALUE       override a front-matter value (repeatable)\n"
    "  --data-locale vi|c    numbers in CSV cells: 1.234,5 (vi, default) or 1234.5\n"
    "  --font-dir DIR        TrueType faces to use instead of Liberation Serif\n"
    "\n"
    "Exit status: 0 no error, 1 the input is wrong, 2 wrong usage, 3 I/O failure.\n");

static const char batch[] = N_(
    "Usage: baocao batch REPORT.md -d DATA_DIR --each TABLE -o 'out/{col}.pdf'\n"
    "\n"
    "One report per row of TABLE: inside the template the row's columns are\n"
    "plain names; {col} in -o is replaced by the row's value, and the folders\n"
    "of that path are created as needed. A row that fails is reported and the\n"
    "others are still written.\n"
    "\n"
    "Options:\n"
    "  -d, --data DIR        CSV tables (default: data/ beside REPORT.md)\n"
    "  --each TABLE          the table whose rows are reports\n"
    "  -o, --output PATTERN  where each report goes (default: {stt}.pdf)\n"
    "  --set KEY=VALUE       override a front-matter value (repeatable)\n"
    "  --data-locale vi|c    numbers in CSV cells: 1.234,5 (vi, default) or 1234.5\n"
    "  --font-dir DIR        TrueType faces to use instead of Liberation Serif\n"
    "\n"
    "Exit status: 0 all written, 1 a row failed, 2 wrong usage, 3 I/O failure.\n");

static const char watch[] = N_(
    "Usage: baocao watch REPORT.md [build options]\n"
    "\n"
    "Builds, then rebuilds whenever REPORT.md, a file of its data folder, an\n"
    "image it uses or a font changes, with one status line per build. A\n"
    "failed rebuild prints its errors and leaves the last good PDF as it was,\n"
    "so a PDF viewer that reloads on change (Evince, Okular) keeps showing it.\n"
    "Ctrl-C ends it.\n"
    "\n"
    "Options: those of 'baocao build' (see 'baocao build --help').\n"
    "\n"
    "Exit status: 0 after Ctrl-C or SIGTERM, 2 wrong usage, 3 cannot watch.\n");

static const char data[] = N_(
    "Usage: baocao data REPORT.md [-d DATA_DIR] [--data-locale vi|c]\n"
    "\n"
    "Lists the tables the report sees: each table's name, file (and sheet),\n"
    "header rows and number of rows, then each column's name as templates\n"
    "write it, its kind (number, date, text), its header and first value.\n"
    "\n"
    "Options:\n"
    "  -d, --data DIR        CSV files and workbooks (default: data/ beside REPORT.md)\n"
    "  --data-locale vi|c    numbers in CSV cells: 1.234,5 (vi, default) or 1234.5\n"
    "\n"
    "Exit status: 0 done, 1 the input is wrong, 2 wrong usage, 3 I/O failure.\n");

static const char init[] = N_(
    "Usage: baocao init [DIR] [--mau NAME]\n"
    "       baocao init --list\n"
    "\n"
    "Writes a small working report into DIR (default: bao-cao/): the\n"
    "template bao-cao.md, its data in data/ and a README in Vietnamese.\n"
    "Never overwrites a file: when one of them exists already, nothing is\n"
    "written and the exit status is 2.\n"
    "\n"
    "Options:\n"
    "  --mau NAME   start from the template NAME (default: co-ban)\n"
    "  --list       list the templates with their titles\n");

const char *help_text(const char *cmd)
{
	static const struct {
		const char *cmd, *text;
	} t[] = {{"build", build}, {"check", check}, {"batch", batch},
		 {"watch", watch}, {"data", data}, {"init", init}};
	for (size_t i = 0; cmd && i < sizeof t / sizeof *t; i++)
		if (!strcmp(cmd, t[i].cmd))
			return _(t[i].text);
	return _(general);
}

/* The review's options (lint.h), after the help of build, check, batch
 * and the general one; a block of its own, so the catalogue's
 * translations of the texts above stay as they are. */
const char *help_review(const char *cmd)
{
	if (cmd && strcmp(cmd, "build") && strcmp(cmd, "check") && strcmp(cmd, "batch"))
		return "";
	return "\nThe review (check; build and batch too): totals (tong), English-style\n"
	       "figures (so), impossible dates (ngay), heading numbers (muc), missing\n"
	       "parts (bo-cuc), as 'FILE:LINE:COL: warning: MESSAGE [rule]'.\n"
	       "  --strict              any warning makes the exit status 1 (for CI)\n"
	       "  --quiet               no review findings\n"
	       "  --error-format json   every message as one JSON object per line on\n"
	       "                        stderr: file, line, column, severity, message,\n"
	       "                        rule, hint\n";
}
