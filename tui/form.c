/*
 * form.c -- labelled fields edited in a modal box; the status-line prompt.
 */
#include "tui/form.h"

#include <stdlib.h>
#include <string.h>

#include "common/str.h"
#include "common/xmalloc.h"
#include "tui/dialog.h"
#include "tui/edit.h"
#include "tui/text.h"
#include "tui/theme.h"

#define FIELD_MAX	64	/* characters when the field says 0 */
#define FORM_WIDTH	72
#define LABEL_MAX	24

struct tui_form {
	char			*title;
	const struct tui_field	*fields;
	size_t			 n, focus;
	void			*ctx;
	struct tui_edit		**edit;
	char			(*err)[96];
};

struct tui_form *
tui_form_new(const char *title, const struct tui_field *fields, size_t n,
    void *ctx)
{
	struct tui_form *f = xcalloc(1, sizeof(*f));
	size_t i;

	if (n == 0)
		fatal("tui_form_new: no fields");
	f->title = xstrdup(title != NULL ? title : "");
	f->fields = fields;
	f->n = n;
	f->ctx = ctx;
	f->edit = xcalloc(n, sizeof(*f->edit));
	f->err = xcalloc(n, sizeof(*f->err));
	for (i = 0; i < n; i++)
		f->edit[i] = tui_edit_new(fields[i].max > 0 ? fields[i].max :
		    FIELD_MAX);
	return f;
}

void
tui_form_free(struct tui_form *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		tui_edit_free(f->edit[i]);
	free(f->edit);
	free(f->err);
	free(f->title);
	free(f);
}

void
tui_form_set(struct tui_form *f, size_t i, const char *value)
{
	if (i < f->n)
		tui_edit_set(f->edit[i], value);
}

const char *
tui_form_value(const struct tui_form *f, size_t i)
{
	return i < f->n ? tui_edit_text(f->edit[i]) : NULL;
}

const char *
tui_form_error(const struct tui_form *f, size_t i)
{
	return i < f->n && f->err[i][0] != '\0' ? f->err[i] : NULL;
}

size_t
tui_form_focus(const struct tui_form *f)
{
	return f->focus;
}

int
tui_form_check(struct tui_form *f)
{
	const char *msg;
	int first = -1;
	size_t i;

	for (i = 0; i < f->n; i++) {
		f->err[i][0] = '\0';
		if (f->fields[i].check == NULL || (msg = f->fields[i].check(
		    tui_edit_text(f->edit[i]), f->ctx)) == NULL)
			continue;
		str_sanitize(f->err[i], sizeof(f->err[i]), msg);
		if (first < 0)
			first = (int)i;
	}
	if (first >= 0)
		f->focus = (size_t)first;
	return first;
}

/* 1 if key is a character a number field refuses. */
static int
form_not_number(int key)
{
	if (key < 0x20 || key >= TUI_FKEY(0))
		return 0;
	return !((key >= '0' && key <= '9') || key == '.' || key == ',' ||
	    key == '-' || key == '+');
}

int
tui_form_key(struct tui_form *f, int key)
{
	switch (key) {
	case TUI_KEY_ESC:
		return TUI_FORM_CANCEL;
	case TUI_KEY_ENTER:
		return tui_form_check(f) < 0 ? TUI_FORM_SUBMIT :
		    TUI_DIALOG_MORE;
	case TUI_KEY_TAB:
	case TUI_KEY_DOWN:
		f->focus = (f->focus + 1) % f->n;
		return TUI_DIALOG_MORE;
	case TUI_KEY_BTAB:
	case TUI_KEY_UP:
		f->focus = (f->focus + f->n - 1) % f->n;
		return TUI_DIALOG_MORE;
	}
	if (f->fields[f->focus].type == TUI_FIELD_NUMBER &&
	    form_not_number(key))
		return TUI_DIALOG_MORE;
	if (tui_edit_key(f->edit[f->focus], key))
		f->err[f->focus][0] = '\0';
	return TUI_DIALOG_MORE;
}

/* Width of the label column. */
static int
form_label_width(const struct tui_form *f)
{
	int lw = 0, w;
	size_t i;

	for (i = 0; i < f->n; i++)
		if ((w = tui_text_width(f->fields[i].label)) > lw)
			lw = w;
	return lw < LABEL_MAX ? lw : LABEL_MAX;
}

/* Fields one per line (two with room for errors), then the key hint. */
static void
form_draw(WINDOW *w, void *ctx)
{
	struct tui_form *f = ctx;
	int h, ww, lw = form_label_width(f), fx, fw, y, step, col;
	char view[1024];
	size_t i;

	getmaxyx(w, h, ww);
	fx = 3 + lw + 1;
	fw = ww - fx - 2;
	step = (int)f->n * 2 + 3 <= h ? 2 : 1;
	for (i = 0, y = 1; i < f->n && y < h - 2; i++, y += step) {
		wattrset(w, tui_theme_attr(TUI_NORMAL));
		mvwaddstr(w, y, 1, i == f->focus ? ">" : " ");
		tui_text_put(w, y, 3, lw, f->fields[i].label, TUI_LEFT);
		col = tui_edit_view(f->edit[i], fw,
		    f->fields[i].type == TUI_FIELD_SECRET, view, sizeof(view));
		wattrset(w, A_UNDERLINE);
		tui_text_put(w, y, fx, fw, view, TUI_LEFT);
		if (i == f->focus)
			mvwchgat(w, y, fx + col, 1, A_REVERSE, 0, NULL);
		wattrset(w, tui_theme_attr(TUI_ERROR));
		if (step == 2 && f->err[i][0] != '\0')
			tui_text_put(w, y + 1, fx, fw, f->err[i], TUI_LEFT);
	}
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	tui_text_put(w, h - 2, 3, ww - 6,
	    "Enter save   Tab next field   Esc cancel", TUI_LEFT);
}

/* tui_form_key, with the first error also in the status line. */
static int
form_dialog_key(struct tui *t, int key, void *ctx)
{
	struct tui_form *f = ctx;
	int r = tui_form_key(f, key);

	if (key == TUI_KEY_ENTER && r == TUI_DIALOG_MORE)
		tui_status(t, TUI_ERROR, "%s: %s", f->fields[f->focus].label,
		    f->err[f->focus]);
	return r;
}

int
tui_form_run(struct tui *t, struct tui_form *f)
{
	struct tui_dialog d = {
		.title = f->title,
		.h = (int)f->n * 2 + 3,
		.w = FORM_WIDTH,
		.draw = form_draw,
		.key = form_dialog_key,
	};

	return tui_dialog_run(t, &d, f) == TUI_FORM_SUBMIT ?
	    TUI_FORM_SUBMIT : TUI_FORM_CANCEL;
}

/* The prompt drawn over the status line. */
static void
form_prompt_draw(const char *label, const struct tui_edit *e)
{
	char view[1024];
	int lw = tui_text_width(label), col;
	WINDOW *w;

	if ((w = newwin(1, COLS, LINES - 2, 0)) == NULL)
		return;
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	tui_text_put(w, 0, 0, lw, label, TUI_LEFT);
	col = tui_edit_view(e, COLS - lw - 1, 0, view, sizeof(view));
	tui_text_put(w, 0, lw, COLS - lw, view, TUI_LEFT);
	mvwchgat(w, 0, lw + col, 1, A_REVERSE, 0, NULL);
	wnoutrefresh(w);
	delwin(w);
}

int
tui_form_prompt(struct tui *t, const char *label, char *buf, size_t size)
{
	struct tui_edit *e = tui_edit_new(size > 1 ? size - 1 : 1);
	int key, r = -1;

	tui_edit_set(e, buf);
	while (r < 0) {
		if (tui_modal_paint(t))
			form_prompt_draw(label, e);
		key = tui_modal_key(t);
		if (key == TUI_KEY_ABORT || key == TUI_KEY_ESC)
			r = 0;
		else if (key == TUI_KEY_ENTER) {
			str_sanitize(buf, size, tui_edit_text(e));
			r = 1;
		} else if (key >= 0)
			tui_edit_key(e, key);
	}
	tui_edit_free(e);
	tui_modal_done(t);
	return r;
}
