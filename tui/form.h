/*
 * form.h -- modal forms of labelled fields, and a one-line prompt.
 *
 * While a form or prompt has focus every printable key is text (digits
 * and q included); Tab/Shift-Tab/Up/Down move between fields, Enter
 * checks every field and submits, Esc cancels.
 */
#ifndef CAFED_TUI_FORM_H
#define CAFED_TUI_FORM_H

#include "tui/tui.h"

enum tui_field_type {
	TUI_FIELD_TEXT = 0,
	TUI_FIELD_SECRET,	/* shown as '*' */
	TUI_FIELD_NUMBER	/* digits and . , - + only; check() the rest */
};

#define TUI_FORM_CANCEL	0
#define TUI_FORM_SUBMIT	1

/* One field. check() returns NULL if value is fine, else a sentence. */
struct tui_field {
	const char	*label;
	int		 type;
	size_t		 max;	/* characters; 0: 64 */
	const char	*(*check)(const char *value, void *ctx);
};

struct tui_form;

/*
 * A form over fields[0..n-1] (borrowed: they must outlive the form);
 * ctx is passed to every check(). Free with tui_form_free().
 */
struct tui_form	*tui_form_new(const char *title,
		    const struct tui_field *fields, size_t n, void *ctx);

/* Free f, wiping every value; NULL is a no-op. */
void		 tui_form_free(struct tui_form *f);

/* Set field i's value (sanitized, cut to its max). */
void		 tui_form_set(struct tui_form *f, size_t i, const char *value);

/* Field i's value, owned by f. */
const char	*tui_form_value(const struct tui_form *f, size_t i);

/* Field i's error from the last check, or NULL. */
const char	*tui_form_error(const struct tui_form *f, size_t i);

/* The field with focus. */
size_t		 tui_form_focus(const struct tui_form *f);

/*
 * Check every field; returns the index of the first failing one (and
 * gives it focus), or -1 when all pass.
 */
int		 tui_form_check(struct tui_form *f);

/*
 * Feed one key to the form without a terminal: returns TUI_FORM_SUBMIT
 * (Enter, all fields pass), TUI_FORM_CANCEL (Esc), or TUI_DIALOG_MORE.
 */
int		 tui_form_key(struct tui_form *f, int key);

/*
 * Run f modally; the first error shows next to its field and in the
 * status line. Returns TUI_FORM_SUBMIT or TUI_FORM_CANCEL (also when
 * the session ends meanwhile).
 */
int		 tui_form_run(struct tui *t, struct tui_form *f);

/*
 * Ask for one line on the status line after label, starting from buf.
 * Returns 1 with the text in buf (size bytes), or 0 when cancelled.
 */
int		 tui_form_prompt(struct tui *t, const char *label, char *buf,
		    size_t size);

#endif
