/* i18n: the user's language for messages. Under a Vietnamese locale
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, read as gettext reads them)
 * messages come from the gettext catalogue baocao.mo (po/vi.po, built by
 * msgfmt), which this module reads itself: a machine where vi_VN.UTF-8
 * is not generated (setlocale fails there, and glibc's gettext would fall
 * back to English) still gets Vietnamese. No setlocale call, so number
 * formatting in the PDF never depends on the locale.
 * Must not: change the message's format (positions, rule names). */
#ifndef BAOCAO_I18N_H
#define BAOCAO_I18N_H

#include <stdbool.h>

/* Pick the language from the environment and load its catalogue (found
 * beside the program: build/locale, PREFIX/share/locale). */
void i18n_init(void);
/* msgid's translation, or msgid itself. */
const char *i18n_tr(const char *msgid) __attribute__((format_arg(1)));
/* Vietnamese messages are on. */
bool i18n_vi(void);

/* strerror(err), in Vietnamese for the errors a user meets (a missing
 * file or folder, no permission, a full disk) when messages are. */
const char *i18n_strerror(int err);

#define _(s) i18n_tr(s)
#define N_(s) s

#endif
