/*
 * keymap.c -- key names, keymap checks, dispatch and the help text, all
 * from the same tables (tig builds its help by walking its keymaps).
 */
#include "tui/keymap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "tui/text.h"

const struct tui_key tui_keymap_global[] = {
	{ TUI_KEY_F(1), "Help", "Show this help", NULL, -1 },
	{ '?', "Help", "Show this help", NULL, -1 },
	{ TUI_KEY_F(10), "Quit", "Log out (asks first)", NULL, -1 },
	{ 'q', "Quit", "Log out (asks first)", NULL, -1 },
	{ TUI_KEY_CTRL('L'), "Redraw", "Redraw the whole screen", NULL, -1 },
	{ '1', "Screen", "Go to the screen with that number in the top bar",
	  NULL, -1 },
};
const size_t tui_keymap_nglobal = TUI_NKEYS(tui_keymap_global);

static const struct {
	int		 key;
	const char	*name;
} key_names[] = {
	{ TUI_KEY_ENTER, "Enter" }, { TUI_KEY_ESC, "Esc" },
	{ TUI_KEY_TAB, "Tab" }, { TUI_KEY_BTAB, "S-Tab" }, { ' ', "Space" },
	{ TUI_KEY_UP, "Up" }, { TUI_KEY_DOWN, "Down" },
	{ TUI_KEY_LEFT, "Left" }, { TUI_KEY_RIGHT, "Right" },
	{ TUI_KEY_PGUP, "PgUp" }, { TUI_KEY_PGDN, "PgDn" },
	{ TUI_KEY_HOME, "Home" }, { TUI_KEY_END, "End" },
	{ TUI_KEY_INS, "Ins" }, { TUI_KEY_DEL, "Del" },
	{ TUI_KEY_BACKSPACE, "Bksp" },
};

const char *
tui_keymap_name(int key, char *buf, size_t size)
{
	char u[8];
	size_t i;

	for (i = 0; i < TUI_NKEYS(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key >= TUI_KEY_F(1) && key <= TUI_KEY_F(63))
		snprintf(buf, size, "F%d", key - TUI_KEY_F(0));
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (tui_text_utf8(u, key) > 0)
		snprintf(buf, size, "%s", u);
	else
		snprintf(buf, size, "Key-%x", (unsigned int)key);
	return buf;
}

/* 1 if key belongs to the loop (the global table, or a digit 1-9). */
static int
keymap_reserved(int key)
{
	size_t i;

	if (key >= '1' && key <= '9')
		return 1;
	for (i = 0; i < tui_keymap_nglobal; i++)
		if (tui_keymap_global[i].key == key)
			return 1;
	return 0;
}

/* The reason a single entry is wrong, or NULL. */
static const char *
keymap_entry_fault(const struct tui_key *keys, size_t i)
{
	size_t j;

	if (keys[i].key <= 0)
		return "has no key";
	if (keys[i].label == NULL || keys[i].label[0] == '\0')
		return "has no label";
	if (keys[i].help == NULL || keys[i].help[0] == '\0')
		return "has no help text";
	if (keys != tui_keymap_global && keymap_reserved(keys[i].key))
		return "takes a global key";
	for (j = 0; j < i; j++)
		if (keys[j].key == keys[i].key)
			return "repeats an earlier key";
	return NULL;
}

int
tui_keymap_validate(const struct tui_key *keys, size_t n, const char **why)
{
	static char reason[160];
	const char *fault;
	char name[32];
	size_t i;

	for (i = 0; i < n; i++) {
		if ((fault = keymap_entry_fault(keys, i)) == NULL)
			continue;
		snprintf(reason, sizeof(reason), "entry %zu (%s) %s", i,
		    tui_keymap_name(keys[i].key, name, sizeof(name)), fault);
		if (why != NULL)
			*why = reason;
		return ERR_INVALID;
	}
	return 0;
}

int
tui_keymap_validate_screen(const struct tui_screen *s, const char **why)
{
	static char reason[160];
	char name[32];
	size_t i, j;

	if (tui_keymap_validate(s->keys, s->nkeys, why) != 0 ||
	    tui_keymap_validate(s->widget_keys, s->nwidget_keys, why) != 0)
		return ERR_INVALID;
	for (i = 0; i < s->nkeys; i++)
		for (j = 0; j < s->nwidget_keys; j++) {
			if (s->keys[i].key != s->widget_keys[j].key)
				continue;
			snprintf(reason, sizeof(reason), "entry %zu (%s) "
			    "shadows a widget key", i, tui_keymap_name(
			    s->keys[i].key, name, sizeof(name)));
			if (why != NULL)
				*why = reason;
			return ERR_INVALID;
		}
	return 0;
}

int
tui_keymap_dispatch(struct tui *t, const struct tui_key *keys, size_t n,
    int key, void *app)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (keys[i].key != key)
			continue;
		if (!tui_allowed(t, keys[i].perm)) {
			tui_denied(t, keys[i].perm, keys[i].label);
			return TUI_DENIED;
		}
		return keys[i].fn != NULL ? keys[i].fn(t, app) : TUI_IGNORED;
	}
	return TUI_IGNORED;
}

/* Append printf output to the string *buf (which may be NULL). */
static void __attribute__((format(printf, 2, 3)))
help_add(char **buf, const char *fmt, ...)
{
	char *line, *old = *buf;
	va_list ap;

	va_start(ap, fmt);
	xvasprintf(&line, fmt, ap);
	va_end(ap);
	xasprintf(buf, "%s%s", old != NULL ? old : "", line);
	free(old);
	free(line);
}

/* One section: allowed entries, runs with the same help on one line. */
static void
help_section(char **buf, struct tui *t, const char *title,
    const struct tui_key *keys, size_t n)
{
	char names[64], name[32];
	size_t i;

	if (n == 0)
		return;
	help_add(buf, "%s\n", title);
	for (i = 0; i < n; i++) {
		if (!tui_allowed(t, keys[i].perm))
			continue;
		if (keys == tui_keymap_global && keys[i].key == '1')
			snprintf(names, sizeof(names), "1-9");
		else
			tui_keymap_name(keys[i].key, names, sizeof(names));
		while (i + 1 < n && tui_allowed(t, keys[i + 1].perm) &&
		    strcmp(keys[i].help, keys[i + 1].help) == 0) {
			i++;
			tui_keymap_name(keys[i].key, name, sizeof(name));
			strncat(names, " ", sizeof(names) - strlen(names) - 1);
			strncat(names, name, sizeof(names) - strlen(names) - 1);
		}
		help_add(buf, "  %-14s %s\n", names, keys[i].help);
	}
	help_add(buf, "\n");
}

char *
tui_keymap_help(struct tui *t, const struct tui_screen *s)
{
	char *buf = NULL, *title;

	help_section(&buf, t, "Everywhere", tui_keymap_global,
	    tui_keymap_nglobal);
	if (s != NULL) {
		help_section(&buf, t, "Moving around", s->widget_keys,
		    s->nwidget_keys);
		xasprintf(&title, "On %s", s->title);
		help_section(&buf, t, title, s->keys, s->nkeys);
		free(title);
	}
	return buf;
}
