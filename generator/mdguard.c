#include "mdguard.h"

#include <string.h>

#include "bounds.h"
#include "diag.h"
#include "text.h"

struct scan {
	const char *file;
	const struct linemap *map;
	int line; /* 1-based line of the expanded text */
	const char *line_start;
};

static struct srcloc where(const struct scan *s, const char *at)
{
	int line = s->line;
	if (s->map && line >= 1 && (size_t)line <= s->map->n)
		line = s->map->lines[line - 1];
	return (struct srcloc){s->file, line, text_column(s->line_start, at)};
}

static bool escaped(const char *start, const char *p)
{
	int n = 0;
	while (p > start && p[-1] == '\\') {
		p--;
		n++;
	}
	return n % 2 == 1;
}

static bool is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool starts(const char *p, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - p) >= n && memcmp(p, lit, n) == 0;
}

bool mdguard_check(const char *file, const char *md, size_t len,
		   const struct linemap *map)
{
	struct scan s = {file, map, 1, md};
	const char *end = md + len;
	/* per paragraph (a run of non-blank lines): raw HTML openers still
	 * waiting for their end, by kind, and images */
	int pi = 0, cdata = 0, comment = 0, decl = 0, images = 0;
	for (const char *p = md; p < end; s.line++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		s.line_start = p;
		bool blank = true;
		for (const char *q = p; q < e && blank; q++)
			blank = *q == ' ' || *q == '\t';
		if (blank)
			pi = cdata = comment = decl = images = 0;
		for (const char *q = p; !blank && q < e; q++) {
			if (*q == '>') {
				decl = 0;
				if (q - p >= 1 && q[-1] == '?')
					pi = 0;
				if (q - p >= 2 && q[-1] == ']' && q[-2] == ']')
					cdata = 0;
				if (q - p >= 2 && q[-1] == '-' && q[-2] == '-')
					comment = 0;
				continue;
			}
			if (*q == '!' && q + 1 < e && q[1] == '[' && !escaped(p, q)) {
				if (++images > MAX_PARA_IMAGES) {
					diag_error(where(&s, q),
						   "more than %d images ('![') in one "
						   "paragraph; give each image its own "
						   "paragraph",
						   MAX_PARA_IMAGES);
					return false;
				}
				continue;
			}
			if (*q != '<' || q + 1 >= e || escaped(p, q))
				continue;
			int *kind = NULL;
			if (q[1] == '?')
				kind = &pi;
			else if (starts(q, e, "<![CDATA["))
				kind = &cdata;
			else if (starts(q, e, "<!--"))
				kind = &comment;
			else if (q[1] == '!' && q + 2 < e && is_ascii_letter(q[2]))
				kind = &decl;
			if (kind && pi + cdata + comment + decl >= MAX_OPEN_HTML) {
				diag_error(where(&s, q),
					   "more than %d '<?', '<!--', '<![CDATA[' or "
					   "'<!' without their end in one paragraph "
					   "(Markdown rereads the paragraph for each); "
					   "write \\< for a '<' that starts no HTML",
					   MAX_OPEN_HTML);
				return false;
			}
			if (kind)
				++*kind;
		}
		p = e < end ? e + 1 : end;
	}
	return true;
}
