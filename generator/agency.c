/* agency: capitalisation of agency names in running text (see agency.h).
 * The name is lowered, then capitals go back where Phụ lục II puts them:
 * the first word; the first word of an organ's function after its type
 * ("Sở Tài chính", "Phòng Giáo dục và Đào tạo", "Sở Lao động - Thương
 * binh và Xã hội"); every word of a place name after its unit word
 * ("huyện Phong Thổ"), the unit itself when a number follows ("Quận 1");
 * and the special names "Thành phố Hồ Chí Minh", "Thủ đô Hà Nội". */
#include "agency.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "text.h"

/* Abbreviations headers use, written out as running text does. */
static const char *const abbrev[][2] = {
    {"UBND", "ủy ban nhân dân"}, {"HĐND", "hội đồng nhân dân"},
    {"TP.", "thành phố"},        {"TX.", "thị xã"},
    {"TT.", "thị trấn"},         {"MTTQ", "mặt trận tổ quốc"},
};

/* Place units (lower case, as words), longest first. */
static const char *const units[] = {"thành phố", "thị xã", "thị trấn", "tỉnh", "huyện",
				    "quận",      "xã",     "phường",   NULL};

/* Organ types whose function name follows with a capital. */
static const char *const organs[] = {"chi cục", "tổng cục", "trung tâm", "văn phòng",
				     "sở",      "phòng",    "bộ",        "cục",
				     "vụ",      "ban",      "viện",      "thanh tra",
				     "kho bạc", "chi nhánh", NULL};

struct word {
	char *s; /* lower case */
	bool cap;
};

static bool starts(struct word *w, int i, int n, const char *phrase, int *len)
{
	/* phrase words against w[i..] */
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%s", phrase);
	int k = 0;
	for (char *save = NULL, *t = strtok_r(tmp, " ", &save); t;
	     t = strtok_r(NULL, " ", &save), k++)
		if (i + k >= n || strcmp(w[i + k].s, t) != 0)
			return false;
	*len = k;
	return true;
}

static int match(struct word *w, int i, int n, const char *const *list)
{
	int len;
	for (int k = 0; list[k]; k++)
		if (starts(w, i, n, list[k], &len))
			return len;
	return 0;
}

static bool is_number(const char *s)
{
	return *s >= '0' && *s <= '9';
}

char *agency_running_name(struct arena *a, const char *upper)
{
	/* words, abbreviations written out, lower case */
	struct buf src = BUF_INIT;
	for (const char *p = upper; *p;) {
		if (*p == '\n' || *p == '\t' || (unsigned char)*p == 0xC2) {
			if ((unsigned char)*p == 0xC2 && (unsigned char)p[1] == 0xA0)
				p++;
			buf_putc(&src, ' ');
			p++;
			continue;
		}
		buf_putc(&src, *p++);
	}
	struct word *w = NULL;
	int n = 0, cap = 0;
	char *copy = arena_strdup(a, buf_cstr(&src));
	buf_free(&src);
	for (char *save = NULL, *t = strtok_r(copy, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		const char *full = NULL;
		for (size_t k = 0; k < sizeof abbrev / sizeof *abbrev && !full; k++)
			if (strcmp(t, abbrev[k][0]) == 0)
				full = abbrev[k][1];
		char *low = text_case(a, full ? full : t, TEXT_LOWER);
		for (char *save2 = NULL, *u = strtok_r(low, " ", &save2); u;
		     u = strtok_r(NULL, " ", &save2)) {
			struct word x = {u, false};
			ARR_PUSH(a, w, n, cap, x);
		}
	}
	if (!n)
		return arena_strdup(a, "");
	w[0].cap = true;
	bool function = false; /* inside an organ's function name */
	for (int i = 0; i < n; i++) {
		int len;
		if ((len = match(w, i, n, units)) > 0 && i > 0) {
			function = false;
			if (i + len < n && is_number(w[i + len].s)) {
				w[i].cap = true; /* "Quận 1" */
				i += len - 1;
				continue;
			}
			bool hcm = starts(w, i, n, "thành phố hồ chí minh", &len);
			if (hcm)
				w[i].cap = true;
			int j = i + (hcm ? 2 : (match(w, i, n, units)));
			/* the place name: every word up to the next unit or organ */
			for (; j < n && !match(w, j, n, units) && strcmp(w[j].s, "và") != 0; j++)
				w[j].cap = true;
			i = j - 1;
			continue;
		}
		if (starts(w, i, n, "thủ đô", &len)) {
			w[i].cap = true;
			for (int j = i + 2; j < n; j++)
				w[j].cap = true;
			break;
		}
		if (i == 0 && (len = match(w, i, n, organs)) > 0) {
			if (len < n && !match(w, len, n, units)) {
				w[len].cap = true;
				function = true;
				i = len;
			}
			continue;
		}
		/* "... và Đào tạo", "Lao động - Thương binh và Xã hội": the word
		 * after is part of the function, even "xã" */
		if (function && (strcmp(w[i].s, "và") == 0 || strcmp(w[i].s, "-") == 0) &&
		    i + 1 < n) {
			w[i + 1].cap = true;
			i++;
		}
	}
	struct buf b = BUF_INIT;
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, w[i].cap ? text_case(a, w[i].s, TEXT_FIRST_UPPER) : w[i].s);
	}
	char *r = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return r;
}
